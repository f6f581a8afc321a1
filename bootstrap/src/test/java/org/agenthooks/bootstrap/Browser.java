package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, driven by Selenium with
 * the driver's path given, so nothing is looked up or downloaded at run time. Without those packages the tests
 * are skipped, except under {@code CI=true}, where they fail: CI must not pass by running nothing. Also runs
 * axe-core in the page and saves screenshots under {@code target/dashboard-screenshots}.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final Path profile;
    private final ChromeDriverService service;
    final ChromeDriver driver;
    private String axeSource;

    private Browser(Path profile) {
        this.profile = profile;
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** A browser with a fresh profile, or the test is skipped (failed under CI=true) when Chromium is missing. */
    static Browser start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver; .ci/run installs them)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true: " + missing);
            }
            Assumptions.abort("Skipped: " + missing);
        }
        try {
            return new Browser(Files.createTempDirectory("chromium-profile"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the condition holds (a non-null, non-false answer); a re-rendered element is looked up again. */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** The visible element whose trimmed text is exactly {@code text}, among those {@code css} selects. */
    WebElement byText(String css, String text) {
        return await(d -> d.findElements(By.cssSelector(css)).stream()
                .filter(element ->
                        element.isDisplayed() && element.getText().trim().equals(text))
                .findFirst()
                .orElse(null));
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs axe-core on the page and fails on any violation of impact serious or critical. */
    void assertNoSeriousAccessibilityViolations(String screen) {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object';"))) {
            script(axe());
        }
        Object answer = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(result => done(JSON.stringify(result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ') + ' ' + n.failureSummary) })))))
                  .catch(error => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', help: String(error),
                    nodes: [] }])));""");
        JsonArray violations = ServiceClient.parse("{\"v\":" + answer + "}").getJsonArray("v");
        List<String> serious = violations.stream()
                .map(JsonObject.class::cast)
                .filter(v -> List.of("serious", "critical").contains(v.getString("impact", "")))
                .map(v -> v.getString("impact") + " " + v.getString("id") + ": " + v.getString("help") + " "
                        + v.getJsonArray("nodes"))
                .toList();
        assertThat(serious).as("axe on the " + screen + " screen").isEmpty();
    }

    /** Messages the page logged to the console since the last call (CSP violations show up here). */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .toList();
    }

    Map<String, Object> storage() {
        @SuppressWarnings("unchecked")
        Map<String, Object> storage = (Map<String, Object>)
                script("return { session: JSON.stringify(sessionStorage), local: JSON.stringify(localStorage) };");
        return storage;
    }

    private String axe() {
        if (axeSource == null) {
            try (InputStream in = Browser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
                assertThat(in)
                        .as("axe.min.js from com.deque.html.axe-core:selenium on the test class path")
                        .isNotNull();
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeSource;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.close();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary profile is harmless
        }
    }
}
