package org.skynet.vms.core.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, for console tests. Never downloads
 * a browser or driver. Absent Chromium skips the test, except under {@code CI=true} where it fails.
 * Screenshots go to {@code target/screenshots/} and are kept as test artefacts.
 */
public final class Browser implements AutoCloseable {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
        // Pages re-render rows as live data arrives: an element found a moment ago may be replaced.
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    public static Browser start() throws IOException {
        boolean present = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but /usr/bin/chromium or /usr/bin/chromedriver is missing");
        }
        Assumptions.assumeTrue(present, "Debian chromium + chromium-driver are not installed: browser test skipped");
        Path profile = Files.createTempDirectory("vms-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,768", "--user-data-dir=" + profile,
                "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options));
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement byTestId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(testId(id)));
    }

    public List<WebElement> allByTestId(String id) {
        return driver.findElements(testId(id));
    }

    /** Waits until the CSS selector matches a visible element. */
    public WebElement waitFor(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until the condition holds, up to 15 s. */
    public void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        wait.withMessage(what).until(d -> condition.getAsBoolean());
    }

    public void type(String testId, String text) {
        WebElement e = byTestId(testId);
        e.clear();
        e.sendKeys(text);
    }

    public void click(String testId) {
        wait.until(ExpectedConditions.elementToBeClickable(testId(testId))).click();
    }

    /** Fills in the console's sign-in form and submits it. */
    public void submitLogin(String username, String password) {
        type("login-username", username);
        type("login-password", password);
        click("login-submit");
    }

    /** Opens the console at {@code url}, signs in as a demo user (password = user name), waits for {@code readyCss}. */
    public void signIn(String url, String user, String readyCss) {
        open(url);
        submitLogin(user, user);
        waitFor(readyCss);
    }

    /** Saves a screenshot under target/screenshots/NAME.png and returns its path. */
    public Path screenshot(String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path target = dir.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
