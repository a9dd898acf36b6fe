package dev.docent.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Firefox;
import dev.docent.it.Ingestion;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same pages in Debian's Firefox ESR (Gecko, not Blink): the streamed answer is read through fetch streams and
 * TextDecoderStream, which is where the two engines differ most; the console draws its charts.
 */
@ExtendWith(ArquillianExtension.class)
class FirefoxIT {

    private static final String GROUP = Fixtures.group("fox");
    private static final String BASE = System.getProperty("docent.it.base-url", "http://127.0.0.1:9180");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Firefox firefox;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @BeforeAll
    static void start() {
        Api writer = Api.as(TestTokens.token(Fixtures.user("writer"), GROUP));
        Ingestion.ingest(writer, "handbook.md", Fixtures.HANDBOOK, GROUP);
        writer.post("/api/v1/ask", Json.createObjectBuilder().add("question", "Who approves a deployment?").build());
        firefox = Firefox.start();
    }

    @AfterAll
    static void stop() {
        if (firefox != null) {
            firefox.close();
        }
    }

    @Test
    void askReadTheStreamedCitedAnswerRateItAndOpenTheConsole() {
        String user = Fixtures.user("fiona");
        signIn(user, true);

        firefox.type("#question", "How quickly must the on-call engineer answer a page?");
        firefox.click("#ask-button");
        firefox.waitFor("document.getElementById('answer').classList.contains('answered')", WAIT);
        assertThat(firefox.text("#answer-text")).contains("15 minutes");
        firefox.screenshot("firefox-chat-answer");

        firefox.click("#answer-text button.cite");
        firefox.waitFor("!document.getElementById('snippet').hidden", WAIT);
        assertThat(firefox.text("#snippet")).contains("on-call");

        firefox.click("#thumbs-down");
        firefox.type("#comment", "Firefox says: add the phone number.");
        firefox.click("#send-feedback");
        firefox.waitFor("document.getElementById('feedback-state').innerText.includes('saved')", WAIT);
        assertThat(Db.count("SELECT count(*) FROM feedback WHERE user_name = ? AND rating = -1 "
                + "AND comment = 'Firefox says: add the phone number.'", user)).isEqualTo(1);

        firefox.open(BASE + "/admin/");
        firefox.waitFor("document.body.dataset.loaded === 'true'", WAIT);
        for (String chart : new String[] {"chart-latency", "chart-requests", "chart-ratios"}) {
            Object points = firefox.evaluate("(() => { const c = Chart.getChart(document.getElementById('" + chart
                    + "')); return c ? c.data.datasets[0].data.filter(v => v !== null).length : -1; })()");
            assertThat(((Number) points).intValue()).as(chart).isPositive();
        }
        firefox.screenshot("firefox-admin-dashboard");
    }

    private static void signIn(String user, boolean admin) {
        firefox.open(BASE + "/");
        firefox.evaluate("sessionStorage.clear()");
        firefox.open(BASE + "/");
        firefox.waitFor("!document.getElementById('dev-sign-in').hidden", WAIT);
        firefox.type("#user", user);
        firefox.type("#groups", GROUP);
        if (admin) {
            firefox.click("#admin");
        }
        firefox.click("#dev-sign-in button[type=submit]");
        firefox.waitFor("!document.getElementById('chat').hidden", WAIT);
    }
}
