package dev.docent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's Chromium, headless, through Debian's chromedriver (no driver download: intranet machines cannot). */
public final class Browser {

    private Browser() {
    }

    public static WebDriver start() {
        ChromeOptions options = new ChromeOptions()
                .setBinary(System.getProperty("docent.it.chromium", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("docent.it.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Signs in on the chat page with the development form, as a user would; returns once the question box shows. */
    public static void signIn(WebDriver driver, String user, String groups, boolean admin) {
        driver.get(System.getProperty("docent.it.base-url", "http://127.0.0.1:9180") + "/");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("dev-sign-in")));
        driver.findElement(By.id("user")).sendKeys(user);
        driver.findElement(By.id("groups")).sendKeys(groups);
        if (admin) {
            driver.findElement(By.id("admin")).click();
        }
        driver.findElement(By.cssSelector("#dev-sign-in button[type=submit]")).click();
        waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("question")));
    }

    public static WebDriverWait waiting(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Saves what the browser shows to target/screenshots/NAME.png. */
    public static Path screenshot(WebDriver driver, String name) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
