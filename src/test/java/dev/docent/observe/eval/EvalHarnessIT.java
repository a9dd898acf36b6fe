package dev.docent.observe.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Api;
import dev.docent.it.Deployments;
import dev.docent.it.Fixtures;
import dev.docent.it.TestTokens;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole evaluation harness on a small benchmark of our own (src/test/resources/eval/intranet-mini): the corpus
 * goes through the real ingestion path, every query through /search in each mode, and each run is recorded.
 */
@ExtendWith(ArquillianExtension.class)
class EvalHarnessIT {

    private static final Path MINI = Path.of("src/test/resources/eval/intranet-mini");
    private static final Api ADMIN = Api.as(TestTokens.token(Fixtures.user("evaluator"), Evaluation.GROUP, "admin"));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @Test
    void scoresEveryModeRecordsTheRunsAndSkipsWhatIsAlreadyIngested() throws Exception {
        List<Evaluation.ModeResult> results = EvalCommand.run(MINI, List.of("dense", "bm25", "hybrid"), 0, ADMIN,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(results).extracting(Evaluation.ModeResult::mode).containsExactly("dense", "bm25", "hybrid");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.queries()).isEqualTo(16);
            assertThat(r.ndcgAt10()).as(r.mode()).isBetween(0.5, 1.0);
            assertThat(r.recallAt100()).as(r.mode()).isGreaterThanOrEqualTo(r.hitAt10() * 0.5);
            assertThat(r.hitAt10()).as(r.mode()).isGreaterThanOrEqualTo(r.hitAt5());
            assertThat(r.hitAt5()).as(r.mode()).isGreaterThanOrEqualTo(r.hitAt1());
        });
        Evaluation.ModeResult dense = results.get(0);
        assertThat(dense.ndcgAt10()).isGreaterThan(0.8);
        assertThat(dense.relevantScores()).isNotEmpty();
        assertThat(dense.offTopicScores()).hasSize(Evaluation.OFF_TOPIC.size());

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        EvalCommand.run(MINI, List.of("hybrid"), 0, ADMIN, new PrintStream(again, true, StandardCharsets.UTF_8));
        String report = again.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("(0 queued, 24 unchanged)").contains("| hybrid |");

        List<JsonObject> runs = ADMIN.get("/api/v1/admin/eval-runs").array("runs").stream()
                .map(v -> v.asJsonObject()).filter(r -> r.getString("dataset").equals("intranet-mini")).toList();
        assertThat(runs).extracting(r -> r.getString("mode")).contains("dense", "bm25", "hybrid");
        assertThat(runs.get(0).getInt("documents")).isEqualTo(24);
        assertThat(Api.as(TestTokens.token(Fixtures.user("someone"), "eval")).get("/api/v1/admin/eval-runs").status())
                .isEqualTo(403);
    }
}
