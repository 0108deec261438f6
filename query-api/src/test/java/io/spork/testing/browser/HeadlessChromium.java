package io.spork.testing.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.opentest4j.AssertionFailedError;

/**
 * Debian's headless Chromium through Selenium's ChromeDriver. The driver and the browser are
 * named by path ({@link ChromiumInstallation}), so Selenium Manager never runs (it would look
 * for drivers and browsers on the network), and the browser resolves no name but the loopback.
 */
public final class HeadlessChromium {
    private static final long POLL_MS = 50;
    private static final List<String> ARGUMENTS = List.of(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
            "--disable-extensions", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
            "--no-default-browser-check", "--metrics-recording-only", "--disable-features=Translate,OptimizationHints,MediaRouter",
            // No name resolves except through the loopback: nothing outside this machine can be reached by name.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost");

    private HeadlessChromium() {
    }

    /**
     * A browser with its own profile directory, its console log kept (for {@code LogType.BROWSER}),
     * page loads and scripts bounded by {@code timeout}; chromedriver logs to {@code driverLog}.
     */
    public static ChromeDriver start(Path profileDir, Path driverLog, int width, int height, Duration timeout) throws IOException {
        Files.createDirectories(driverLog.toAbsolutePath().getParent());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(ChromiumInstallation.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withAllowedListIps("127.0.0.1")
                .withLogFile(driverLog.toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ChromiumInstallation.CHROMIUM.toFile());
        options.addArguments(ARGUMENTS);
        options.addArguments("--window-size=" + width + "," + height, "--user-data-dir=" + profileDir.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setImplicitWaitTimeout(Duration.ZERO);
        options.setPageLoadTimeout(timeout);
        options.setScriptTimeout(timeout);
        return new ChromeDriver(service, options);
    }

    /** Polls until {@code condition} holds (a re-rendered element read meanwhile counts as not yet). */
    public static void await(WebDriver browser, String what, Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionFailedError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + " on " + browser.getCurrentUrl());
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("interrupted waiting for " + what);
            }
        }
    }

    /** Waits (bounded) until at least one element matches the CSS selector, and returns all that do. */
    public static List<WebElement> awaitAll(WebDriver browser, String css, Duration timeout) {
        List<List<WebElement>> found = new java.util.ArrayList<>(List.of(List.of()));
        await(browser, "an element matching '" + css + "'", timeout, () -> {
            found.set(0, browser.findElements(By.cssSelector(css)));
            return !found.get(0).isEmpty();
        });
        return found.get(0);
    }

    public static WebElement await(WebDriver browser, String css, Duration timeout) {
        return awaitAll(browser, css, timeout).get(0);
    }

    /** A PNG of the viewport, written to {@code file}. */
    public static void screenshot(ChromeDriver browser, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    }

    private static boolean holds(Supplier<Boolean> condition) {
        try {
            return Boolean.TRUE.equals(condition.get());
        } catch (StaleElementReferenceException | NoSuchElementException rerendered) {
            return false;
        }
    }
}
