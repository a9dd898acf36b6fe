package dev.docent.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Api;
import dev.docent.it.Db;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.Ingestion;
import dev.docent.it.ServerSettings;
import dev.docent.it.TestTokens;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rate limits per user and role, kept in PostgreSQL: 429 with Retry-After, and the limit in the headers. The test
 * plays a second node with Bucket4j on the same table, to check that Docent's counts reach the shared bucket
 * without a request waiting for them, and that another node's counts reach Docent.
 */
@ExtendWith(ArquillianExtension.class)
class RateLimitIT {

    private static final long SYNC_MILLIS = 500;
    private static final ProxyManager<String> OTHER_NODE = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(
                    Db.appDataSource())
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("rate_limit_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
            .build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @BeforeAll
    static void lowLimits() {
        ServerSettings.write(Map.of("docent.ratelimit.user.per-minute", "3", "docent.ratelimit.admin.per-minute", "50",
                "docent.ratelimit.sync-millis", String.valueOf(SYNC_MILLIS)));
    }

    @AfterAll
    static void defaultLimits() {
        ServerSettings.clear();
    }

    @Test
    void theFourthQuestionInAMinuteIsRefusedWithRetryAfter() {
        String user = Fixtures.user("rush");
        Api api = Api.as(TestTokens.token(user, Fixtures.group("rl")));
        JsonObject question = Json.createObjectBuilder().add("question", "Is there anything about parking?").build();

        for (int i = 0; i < 3; i++) {
            Api.Reply reply = api.post("/api/v1/ask", question);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.headers().get("X-RateLimit-Limit")).containsExactly("3");
            assertThat(reply.headers().get("X-RateLimit-Remaining")).containsExactly(String.valueOf(2 - i));
        }
        Api.Reply refused = api.post("/api/v1/search", Json.createObjectBuilder().add("query", "parking").build());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().getString("error")).isEqualTo("too_many_requests");
        assertThat(Long.parseLong(refused.headers().get("Retry-After").get(0))).isBetween(1L, 60L);
        assertThat(refused.headers().get("X-RateLimit-Remaining")).containsExactly("0");
        assertThat(Db.count("SELECT count(*) FROM rate_limit_bucket WHERE id LIKE ?", "user:" + user + "@%")).isEqualTo(1);

        // Reading is not limited; other people are not affected; admins have their own, higher limit.
        assertThat(api.get("/api/v1/collections").status()).isEqualTo(200);
        assertThat(Api.as(TestTokens.token(Fixtures.user("calm"), "x")).post("/api/v1/ask", question).status())
                .isEqualTo(200);
        Api admin = Api.as(TestTokens.token(Fixtures.user("boss"), "admin"));
        List<Integer> statuses = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> admin.post("/api/v1/ask", question).status()).toList();
        assertThat(statuses).containsOnly(200);
    }

    @Test
    void countsReachTheSharedBucketInTheBackgroundAndComeBackFromIt() {
        String user = Fixtures.user("nodes");
        Api api = Api.as(TestTokens.token(user, Fixtures.group("rl")));
        JsonObject question = Json.createObjectBuilder().add("question", "Is there anything about lunch?").build();
        Bucket shared = OTHER_NODE.getProxy("user:" + user + "@3", () -> BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(3).refillGreedy(3, Duration.ofMinutes(1))).build());

        assertThat(api.post("/api/v1/ask", question).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/ask", question).status()).isEqualTo(200);
        // The first request read the shared bucket; the second was counted on Docent's copy and is reported by
        // its background task, while nobody asks anything (a token refills every 20 s).
        long deadline = System.nanoTime() + Duration.ofMillis(SYNC_MILLIS * 6).toNanos();
        while (shared.getAvailableTokens() > 1 && System.nanoTime() < deadline) {
            Ingestion.sleep(50);
        }
        assertThat(shared.getAvailableTokens()).isEqualTo(1);

        // Another node takes the last token; Docent drops its idle copy and reads the shared bucket again.
        assertThat(shared.tryConsume(1)).isTrue();
        Ingestion.sleep(SYNC_MILLIS * 3);
        Api.Reply refused = api.post("/api/v1/ask", question);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().get("X-RateLimit-Remaining")).containsExactly("0");
    }
}
