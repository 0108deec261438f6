package io.spork.testing.browser;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension ({@code @ExtendWith(RequiresChromium.class)}) that installs headless Chromium and
 * chromedriver before the tests of a class when they are missing, or fails them with the command
 * that installs them. The apt-get output goes to {@code target/chromium-install.log}.
 */
public final class RequiresChromium implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        ChromiumInstallation.ensureInstalled(Path.of("target", "chromium-install.log"));
    }
}
