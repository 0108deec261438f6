package io.spork.testing.browser;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A chromedriver process listening on a free loopback port. {@link #close()} ends it and whatever
 * it started (the browser processes of sessions that were not deleted).
 */
public final class ChromeDriverProcess implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final Process process;
    private final URI url;

    private ChromeDriverProcess(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Starts chromedriver and waits (bounded) until its {@code /status} says it is ready. */
    public static ChromeDriverProcess start(Path chromedriver, Path logFile) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        int port = freeLoopbackPort();
        Process process = new ProcessBuilder(List.of(chromedriver.toString(), "--port=" + port,
                "--allowed-ips=127.0.0.1", "--log-path=" + logFile.toAbsolutePath()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        ChromeDriverProcess driver = new ChromeDriverProcess(process, URI.create("http://127.0.0.1:" + port));
        try {
            driver.awaitReady(logFile);
            return driver;
        } catch (IOException | RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    /** The base URL of the WebDriver endpoint. */
    public URI url() {
        return url;
    }

    private void awaitReady(Path logFile) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("chromedriver exited with " + process.exitValue() + "; see " + logFile.toAbsolutePath());
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(url.resolve("/status"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().replace(" ", "").contains("\"ready\":true")) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for chromedriver", e);
            }
            sleep(100);
        }
        throw new IOException("chromedriver on " + url + " not ready after " + STARTUP.toSeconds() + " s (" + last
                + "); see " + logFile.toAbsolutePath());
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // The browser of a session that was not deleted would outlive its driver.
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }
}
