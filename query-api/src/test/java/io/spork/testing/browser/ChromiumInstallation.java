package io.spork.testing.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opentest4j.AssertionFailedError;

/**
 * Headless Chromium and chromedriver from Debian ({@code chromium} and {@code chromium-driver}).
 * When either binary is missing and this JVM runs as root with apt-get, they are installed with a
 * bounded {@code apt-get update} and {@code apt-get install}; the output goes to a log file. When
 * that cannot be done the test fails with the command that installs them: a browser test never
 * skips silently.
 */
public final class ChromiumInstallation {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final String INSTALL_HINT =
            "install them with: apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver"
                    + " (as root, on Debian or Ubuntu)";

    private static final Path APT_GET = Path.of("/usr/bin/apt-get");
    private static final Duration UPDATE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    /** The binaries, and how long this JVM spent installing them (zero when they were there). */
    public record Installed(Path chromium, Path chromedriver, Duration installTook) {
    }

    private static Installed installed;

    private ChromiumInstallation() {
    }

    /** Makes sure both binaries exist, installing them when missing; fails the test if it cannot. */
    public static synchronized Installed ensureInstalled(Path logFile) {
        if (installed != null) {
            return installed;
        }
        if (present()) {
            installed = new Installed(CHROMIUM, CHROMEDRIVER, Duration.ZERO);
            return installed;
        }
        String missing = missingBinaries();
        if (!Files.isExecutable(APT_GET)) {
            throw new AssertionFailedError(missing + " missing and there is no apt-get to install them; " + INSTALL_HINT);
        }
        if (!isRoot()) {
            throw new AssertionFailedError(missing + " missing and this test is not running as root, so it cannot install them; "
                    + INSTALL_HINT);
        }
        Instant started = Instant.now();
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            log(logFile, "# " + missing + " missing: installing chromium and chromium-driver at " + started);
            // Some configured sources may be unreachable: a failed update is logged, and the install decides.
            int update = run(List.of(APT_GET.toString(), "update"), UPDATE_TIMEOUT, logFile);
            log(logFile, "# apt-get update exited " + update);
            int install = run(List.of(APT_GET.toString(), "install", "-y", "--no-install-recommends",
                    "-o", "DPkg::Lock::Timeout=120", "chromium", "chromium-driver"), INSTALL_TIMEOUT, logFile);
            Duration took = Duration.between(started, Instant.now());
            log(logFile, "# apt-get install exited " + install + " after " + took.toSeconds() + " s");
            if (install != 0 || !present()) {
                throw new AssertionFailedError("installing chromium and chromium-driver failed (apt-get install exited " + install
                        + ", " + missingBinaries() + " still missing); see " + logFile.toAbsolutePath() + "; " + INSTALL_HINT);
            }
            System.out.printf("installed chromium and chromium-driver in %d s (log: %s)%n", took.toSeconds(), logFile.toAbsolutePath());
            installed = new Installed(CHROMIUM, CHROMEDRIVER, took);
            return installed;
        } catch (IOException e) {
            throw new AssertionFailedError("could not install chromium (" + e.getMessage() + "); " + INSTALL_HINT, e);
        }
    }

    private static boolean present() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private static String missingBinaries() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM.toString());
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add(CHROMEDRIVER.toString());
        }
        return String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are");
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static int run(List<String> command, Duration timeout, Path logFile) throws IOException {
        log(logFile, "$ " + String.join(" ", command));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = pb.start();
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                log(logFile, "# timed out after " + timeout.toSeconds() + " s");
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    private static void log(Path logFile, String line) throws IOException {
        Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
