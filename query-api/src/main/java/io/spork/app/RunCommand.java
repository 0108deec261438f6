package io.spork.app;

import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.topology.TopologyObserver;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./spork run}: Spork against an existing Kafka cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "run Spork against the Kafka cluster named in --config FILE (kafka.bootstrap.servers, TLS/SASL keys)")
final class RunCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public void run() {
        // Checked here rather than as a required option, so the message can say what the file must name.
        if (!configOptions.hasFile()) {
            throw new ParameterException(spec.commandLine(), "run needs --config FILE naming your Kafka cluster (kafka.bootstrap.servers=...)");
        }
        SporkConfig config = configOptions.config();
        Path stateDir = Path.of(config.get(ConfigKeys.STATE_DIR).isBlank() ? "data/state" : config.get(ConfigKeys.STATE_DIR));
        SporkNode node = SporkNode.start(config, stateDir, TopologyObserver.NONE);
        System.out.println("Spork is running at " + node.baseUrl() + " against Kafka at " + config.bootstrapServers() + " (Ctrl-C to stop)");
        SporkCli.awaitShutdown(node);
    }
}
