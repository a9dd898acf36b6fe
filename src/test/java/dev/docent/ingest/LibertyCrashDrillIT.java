package dev.docent.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Api;
import dev.docent.it.DrillCorpus;
import dev.docent.it.Fixtures;
import dev.docent.it.TestServer;
import dev.docent.it.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's JVM killed (kill -9) in the middle of ingesting 200 documents, half uploaded and half sent over JMS,
 * then started again: every document ends up ingested exactly once and searchable. The persistent queue redelivers
 * what was in flight, the transaction log resolves what was in doubt, and jobs left processing are picked up again.
 * Runs after the Arquillian suite (its own failsafe execution), driving Liberty with its own scripts.
 */
class LibertyCrashDrillIT {

    @BeforeAll
    static void startServer() {
        TestServer.deploy();
        TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        TestServer.stop();
        TestServer.undeploy();
    }

    @Test
    void aKilledServerLosesAndDuplicatesNothing() {
        String group = Fixtures.group("crash");
        DrillCorpus corpus = new DrillCorpus(Api.as(TestTokens.token(Fixtures.user("crash"), group, "admin")), group,
                100);
        corpus.send();
        long readyBefore = corpus.ready();

        TestServer.kill();
        TestServer.start();

        corpus.assertAllIngestedExactlyOnce(Duration.ofMinutes(5));
        assertThat(readyBefore).as("the crash came in the middle").isLessThan(corpus.size());
    }
}
