package com.smoft.crm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, with a fresh profile and no network of its own, for the web page's tests: a
 * {@link ChromeDriver} parameter of a test class extended with this gets the one browser of the whole run, started
 * on first use and quit when the run ends (a cold Chromium start costs seconds). Tests are skipped, saying why, where
 * chromium and chromedriver are not installed.
 */
final class HeadlessChromium implements ParameterResolver {

    /** The name of the lock that lets one test class at a time use the browser. */
    static final String BROWSER = "chromium";

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ChromeDriver.class;
    }

    @Override
    public ChromeDriver resolveParameter(ParameterContext parameter, ExtensionContext context) {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests need /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.create(HeadlessChromium.class))
                .computeIfAbsent(Browser.class, type -> new Browser(start()), Browser.class)
                .driver();
    }

    /** The run's browser, quit by JUnit when the run ends. */
    private record Browser(ChromeDriver driver) implements AutoCloseable {

        @Override
        public void close() {
            driver.quit();
        }
    }

    private static ChromeDriver start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("smoft-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--user-data-dir=" + profile,
                        "--window-size=1280,900");
        // The console, for tests that check a page loads without errors (a Content-Security-Policy refusal is one).
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        return new ChromeDriver(service, options);
    }
}
