package dev.docent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docent.it.Api;
import dev.docent.it.Browser;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real (headless) Chromium: an administrator uploads a document and watches its job finish,
 * moves it to another group (it vanishes for its former readers), and the dashboard draws its charts from data.
 */
@ExtendWith(ArquillianExtension.class)
class AdminConsoleIT {

    private static final String TEAM = Fixtures.group("team");
    private static final String OTHERS = Fixtures.group("others");
    private static final String BASE = System.getProperty("docent.it.base-url", "http://127.0.0.1:9180");
    private static WebDriver browser;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @BeforeAll
    static void start() {
        // Something to chart: a few answered questions and a rating.
        Api asker = Api.as(TestTokens.token(Fixtures.user("asker"), TEAM));
        Ingestion.ingest(asker, "handbook.md", Fixtures.HANDBOOK, TEAM);
        for (String question : new String[] {"When are production deployments?", "Who approves a deployment?"}) {
            asker.post("/api/v1/ask", Json.createObjectBuilder().add("question", question).build());
        }
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void uploadWatchTheJobMoveTheDocumentAndReadTheDashboard() throws IOException {
        Browser.signIn(browser, Fixtures.user("ada"), TEAM, true);
        browser.get(BASE + "/admin/");
        Browser.waiting(browser).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));

        for (String chart : new String[] {"chart-latency", "chart-requests", "chart-ratios", "chart-users"}) {
            Object points = ((JavascriptExecutor) browser).executeScript(
                    "const c = Chart.getChart(document.getElementById(arguments[0]));"
                            + "return c ? c.data.datasets[0].data.filter(v => v !== null).length : -1;", chart);
            assertThat(((Number) points).intValue()).as(chart).isPositive();
        }
        Browser.screenshot(browser, "admin-dashboard");

        String word = "quokkaparking" + Fixtures.group("w").substring(2, 8);
        Path file = Files.createTempFile("parking", ".md");
        Files.writeString(file, "# Parking rules " + word + "\n\nThe " + word + " spaces are for visitors only.");
        browser.findElement(By.id("file")).sendKeys(file.toString());
        browser.findElement(By.id("upload-groups")).sendKeys(TEAM);
        browser.findElement(By.cssSelector("#upload button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("upload-state"), "Job done"));

        Api teammate = Api.as(TestTokens.token(Fixtures.user("tim"), TEAM));
        Api other = Api.as(TestTokens.token(Fixtures.user("olga"), OTHERS));
        assertThat(hits(teammate, word)).isEqualTo(1);

        String rowPath = "//tbody[@id='document-rows']/tr[td[1][contains(., '" + word + "')]]";
        WebElement row = browser.findElement(By.xpath(rowPath));
        WebElement groups = row.findElement(By.cssSelector("input.groups"));
        groups.clear();
        groups.sendKeys(OTHERS);
        row.findElement(By.xpath(".//button[text()='Save groups']")).click();
        // The administrator is not in the new group either: the row leaves their list.
        Browser.waiting(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(rowPath)));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> hits(teammate, word) == 0 && hits(other, word) == 1);
        Browser.screenshot(browser, "admin-documents");

        String collection = "policies-" + Fixtures.group("c").substring(2, 8);
        browser.findElement(By.id("collection-name")).sendKeys(collection);
        browser.findElement(By.id("collection-description")).sendKeys("Company policies");
        browser.findElement(By.cssSelector("#new-collection button[type=submit]")).click();
        Browser.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("collection-rows"),
                collection));
    }

    private static int hits(Api api, String word) {
        return api.post("/api/v1/search", Json.createObjectBuilder().add("query", word).add("mode", "bm25").build())
                .json().getJsonArray("results").size();
    }
}
