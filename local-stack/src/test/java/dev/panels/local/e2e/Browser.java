package dev.panels.local.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One headless Debian Chromium with a fresh profile, driven through Debian's chromedriver (paths given
 * explicitly, so Selenium Manager never downloads anything). Closing quits the browser and its driver and
 * deletes the profile.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("e2e.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/e2e-screenshots");

    final ChromeDriver driver;
    private final Path profile;

    Browser() throws IOException {
        profile = Files.createTempDirectory("panels-e2e-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement waitFor(By locator, Duration timeout) {
        // a page that re-renders while we look (automatic retries, navigation) leaves stale elements: look again
        return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> found = d.findElements(locator);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    WebElement waitFor(By locator) {
        return waitFor(locator, Duration.ofSeconds(30));
    }

    <T> T until(ExpectedCondition<T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(250)).ignoring(StaleElementReferenceException.class).until(condition);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Every cookie the browser holds, with all attributes (CDP: Selenium's API only sees the current path's). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> allCookies() {
        Map<String, Object> result = driver.executeCdpCommand("Network.getAllCookies", Map.of());
        return (List<Map<String, Object>>) result.get("cookies");
    }

    String url() {
        return driver.getCurrentUrl();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException | RuntimeException e) {
            System.err.println("screenshot " + name + " not saved: " + e.getMessage());
        }
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }
}
