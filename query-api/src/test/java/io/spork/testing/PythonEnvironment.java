package io.spork.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python tools the tests use (src/test/python/requirements.txt, pinned), in a virtual
 * environment under target/ that the first test needing it creates with {@code python3 -m venv}
 * and pip (from PyPI). A marker holding the hash of the requirements file makes later tests,
 * and later builds, reuse it; a changed requirements file rebuilds it. Needs python3 on the PATH.
 */
public final class PythonEnvironment {
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static PythonEnvironment shared;

    private final Path venv;
    private final Path scripts;

    private PythonEnvironment(Path venv, Path scripts) {
        this.venv = venv;
        this.scripts = scripts;
    }

    /** The environment of this module, created or brought up to date on first use. */
    public static synchronized PythonEnvironment get() {
        if (shared == null) {
            Path module = moduleDir();
            Path scripts = module.resolve("src/test/python");
            PythonEnvironment env = new PythonEnvironment(module.resolve("target/python-venv"), scripts);
            env.ensureInstalled();
            shared = env;
        }
        return shared;
    }

    private static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.isDirectory(here.resolve("src/test/python"))) {
            return here;
        }
        return Path.of(System.getProperty("spork.repo.root", here.toString())).resolve("query-api");
    }

    /** The environment's python executable. */
    public Path python() {
        return venv.resolve("bin/python");
    }

    /** An executable the requirements installed (e.g. schemathesis' {@code st}). */
    public Path tool(String name) {
        return venv.resolve("bin").resolve(name);
    }

    /** Where tools may leave their files: target/python-work. */
    public Path workDir() {
        return venv.resolveSibling("python-work");
    }

    /** A script of src/test/python. */
    public Path script(String name) {
        return scripts.resolve(name);
    }

    private void ensureInstalled() {
        Path requirements = scripts.resolve("requirements.txt");
        Path marker = venv.resolve("spork-requirements.sha256");
        try {
            String wanted = sha256(Files.readAllBytes(requirements));
            if (Files.exists(marker) && Files.readString(marker).trim().equals(wanted) && Files.isExecutable(python())) {
                return;
            }
            run(List.of("python3", "-m", "venv", "--clear", venv.toString()));
            run(List.of(python().toString(), "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-q",
                    "-r", requirements.toString()));
            Files.writeString(marker, wanted);
        } catch (IOException e) {
            throw new IllegalStateException("cannot set up the Python test environment in " + venv + ": " + e.getMessage(), e);
        }
    }

    /** Runs a command to completion, failing with its output when it does not exit 0. */
    public static String run(List<String> command) {
        return run(command, INSTALL_TIMEOUT);
    }

    public static String run(List<String> command, Duration timeout) {
        return run(command, timeout, null);
    }

    /** @param workDir where the command runs (and leaves its files); null: this process' directory */
    public static String run(List<String> command, Duration timeout, Path workDir) {
        try {
            Path output = Files.createTempFile("spork-python", ".log");
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            if (workDir != null) {
                Files.createDirectories(workDir);
                builder.directory(workDir.toFile());
            }
            builder.environment().put("OPT_OUT_TRACKING", "true");
            builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
            builder.environment().put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            if (!finished || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + (finished ? " exited " + process.exitValue() : " timed out")
                        + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (is python3 installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command.get(0), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
