package dev.docent.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.answer.AnswerPipeline;
import dev.docent.it.Api;
import dev.docent.it.Browser;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.TestTokens;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The chat page in a real (headless) Chromium: sign in, ask, open a citation, rate the answer. */
@ExtendWith(ArquillianExtension.class)
class ChatPageIT {

    private static final String GROUP = Fixtures.group("chat");
    private static WebDriver browser;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @BeforeAll
    static void start() {
        Ingestion.ingest(Api.as(TestTokens.token(Fixtures.user("writer"), GROUP)), "handbook.md", Fixtures.HANDBOOK,
                GROUP);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void askSeeACitedAnswerOpenItsSourceAndRateIt() {
        String user = Fixtures.user("chloe");
        Browser.signIn(browser, user, GROUP, false);

        ask("How quickly must the on-call engineer answer a page?");
        Browser.waiting(browser).until(ExpectedConditions.attributeContains(By.id("answer"), "class", "answered"));
        assertThat(text("answer-text")).contains("15 minutes");
        Browser.screenshot(browser, "chat-answer");

        browser.findElement(By.cssSelector("#answer-text button.cite")).click();
        Browser.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("snippet")));
        assertThat(text("snippet")).contains("on-call");

        browser.findElement(By.id("thumbs-down")).click();
        browser.findElement(By.id("comment")).sendKeys("It should say who to call.");
        browser.findElement(By.id("send-feedback")).click();
        Browser.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("feedback-state"),
                "saved"));
        assertThat(Db.count("SELECT count(*) FROM feedback WHERE user_name = ? AND rating = -1 "
                + "AND comment = 'It should say who to call.'", user)).isEqualTo(1);
        Browser.screenshot(browser, "chat-feedback");
    }

    @Test
    void whatTheCallerMayNotReadIsAnHonestIDontKnow() {
        Browser.signIn(browser, Fixtures.user("olaf"), Fixtures.group("outside"), false);

        ask("How quickly must the on-call engineer answer a page?");
        Browser.waiting(browser).until(ExpectedConditions.attributeContains(By.id("answer"), "class", "unknown"));
        assertThat(text("answer-text")).isEqualTo(AnswerPipeline.I_DONT_KNOW);
        assertThat(browser.findElements(By.cssSelector("#sources li"))).isEmpty();
    }

    private void ask(String question) {
        WebElement field = browser.findElement(By.id("question"));
        field.clear();
        field.sendKeys(question);
        browser.findElement(By.id("ask-button")).click();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }
}
