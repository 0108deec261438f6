package io.spork.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spork instance in a child JVM (`SporkCli run --config FILE`), so a test can kill it with
 * SIGKILL the way a crash would, and start it again on the same state directory.
 */
public final class SporkProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private SporkProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Writes a child instance's configuration: the settings every child needs (its broker, HTTP
     * port, state directory and the bundled model), then the test's own lines.
     */
    public static Path writeConfig(Path file, String bootstrap, int port, Path stateDir, String... settings) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "kafka.bootstrap.servers=" + bootstrap,
                "http.port=" + port,
                "state.dir=" + stateDir,
                "encoder.model-dir=" + TestModels.spladeTiny()));
        lines.addAll(List.of(settings));
        lines.add("");
        Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);
        return file;
    }

    public static SporkProcess start(Path configFile, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xss4m");
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.spork.app.SporkCli");
        command.add("run");
        command.add("--config");
        command.add(configFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("OPT_OUT_TRACKING", "true");
        env.put("ORT_DISABLE_TELEMETRY", "1");
        return new SporkProcess(builder.start(), log);
    }

    /** SIGKILL: no shutdown hook, no flush, no commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGSTOP: hung, not dead; its session with the group times out. */
    public void pause() throws IOException, InterruptedException {
        Signals.send("STOP", process.pid());
    }

    public void resume() throws IOException, InterruptedException {
        Signals.send("CONT", process.pid());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
