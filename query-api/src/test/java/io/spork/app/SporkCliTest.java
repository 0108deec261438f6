package io.spork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.config.ConfigException;
import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The dev stack's Kafka port: its documented default, the flag, and what the start-up banner says; the command line's help and mistakes. */
class SporkCliTest {
    private static DevCommand dev(String... args) {
        DevCommand dev = new DevCommand();
        new CommandLine(dev).parseArgs(args);
        return dev;
    }

    @Test
    void devKafkaPortDefaultsToTheDocumentedOneAndTheFlagOverridesIt() {
        assertEquals(9092, dev().config().getInt(ConfigKeys.DEV_KAFKA_PORT));
        assertEquals(19092, dev("--kafka-port", "19092").config().getInt(ConfigKeys.DEV_KAFKA_PORT));
        assertThrows(ConfigException.class, () -> dev("--kafka-port", "70000").config());
    }

    @Test
    void bannerNamesTheBootstrapServerTopicsAndSchema() {
        String banner = DevCommand.kafkaBanner("127.0.0.1:9092", SporkConfig.defaults());
        assertTrue(banner.contains("Kafka bootstrap server: 127.0.0.1:9092"), banner);
        assertTrue(banner.contains("topic 'documents'") && banner.contains("topic 'documents.dlq'") && banner.contains("topic 'vectors'"), banner);
        assertTrue(banner.contains("document-event.schema.json"), banner);
    }

    @Test
    void helpListsEveryCommandAndMistakesAreUsageErrors() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SporkCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("help"));
        for (String command : new String[] {"dev", "run", "encode", "eval", "bench", "onnxruntime", "compose"}) {
            assertTrue(out.toString().contains("  " + command), command + " in " + out);
        }
        assertEquals(2, cl.execute("nonsense"));
        assertEquals(2, cl.execute("run"));
        assertTrue(err.toString().contains("run needs --config FILE"), err.toString());
        assertEquals(2, cl.execute("encode"));
        assertEquals(2, cl.execute("dev", "--kafka-port"));
        assertEquals(2, cl.execute("dev", "--kafka-port", "70000"));
        assertTrue(err.toString().contains("spork: "), err.toString());
    }
}
