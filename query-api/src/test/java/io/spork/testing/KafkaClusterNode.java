package io.spork.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One node (broker and controller) of a three-node KRaft cluster, in its own JVM, so a test can
 * SIGKILL it like a real broker: replication factor 3, min.insync.replicas=2 for
 * every topic, the offsets and the transaction state included. Loopback only.
 */
public final class KafkaClusterNode implements AutoCloseable {
    private static final String CONTROLLER = "CONTROLLER";

    private final int nodeId;
    private final Path dir;
    private final Path log;
    private final List<String> args;
    private Process process;

    /**
     * @param brokerPorts   the client ports of the three nodes, by node id 1..3
     * @param controllerPorts their controller ports
     */
    public KafkaClusterNode(int nodeId, Path dir, String clusterId, int[] brokerPorts, int[] controllerPorts) {
        this.nodeId = nodeId;
        this.dir = dir;
        this.log = dir.resolve("node-" + nodeId + ".log");
        StringBuilder voters = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            voters.append(i == 0 ? "" : ",").append(i + 1).append("@127.0.0.1:").append(controllerPorts[i]);
        }
        this.args = List.of(Integer.toString(nodeId), dir.resolve("node-" + nodeId).toString(), clusterId,
                Integer.toString(brokerPorts[nodeId - 1]), Integer.toString(controllerPorts[nodeId - 1]), voters.toString());
    }

    public static String bootstrap(int[] brokerPorts) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < brokerPorts.length; i++) {
            s.append(i == 0 ? "" : ",").append("127.0.0.1:").append(brokerPorts[i]);
        }
        return s.toString();
    }

    public void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), KafkaClusterNode.class.getName()));
        command.addAll(args);
        Files.createDirectories(dir);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    public int nodeId() {
        return nodeId;
    }

    public Path log() {
        return log;
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGSTOP: hung, not dead; its connections stay open and its requests go unanswered. */
    public void pause() throws IOException, InterruptedException {
        Signals.send("STOP", process.pid());
    }

    public void resume() throws IOException, InterruptedException {
        Signals.send("CONT", process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** args: nodeId logDir clusterId brokerPort controllerPort voters */
    public static void main(String[] args) throws Exception {
        int nodeId = Integer.parseInt(args[0]);
        Path logDir = Path.of(args[1]);
        Files.createDirectories(logDir);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", args[0]);
        props.put("controller.quorum.voters", args[5]);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + args[3] + "," + CONTROLLER + "://127.0.0.1:" + args[4]);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + args[3]);
        props.put("controller.listener.names", CONTROLLER);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        for (Map.Entry<String, String> e : Map.of("default.replication.factor", "3", "min.insync.replicas", "2",
                "offsets.topic.replication.factor", "3", "offsets.topic.num.partitions", "3",
                "transaction.state.log.replication.factor", "3", "transaction.state.log.min.isr", "2",
                "transaction.state.log.num.partitions", "3", "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false", "unclean.leader.election.enable", "false").entrySet()) {
            props.put(e.getKey(), e.getValue());
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId).setClusterId(args[2]).addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString()).setControllerListenerName(CONTROLLER)
                    .setReleaseVersion(MetadataVersion.latestProduction()).setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setIgnoreFormatted(true).run();
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }));
        server.awaitShutdown();
    }
}
