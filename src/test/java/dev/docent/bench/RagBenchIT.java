package dev.docent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Deployments;
import dev.docent.it.ServerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark harness of bench/ ({@code ./docent bench rag}) end to end on a tiny corpus of our own, against the
 * test server and its database, so that it keeps working; the figures themselves mean nothing at this size.
 */
@ExtendWith(ArquillianExtension.class)
class RagBenchIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @Test
    void theHarnessIngestsBothPipelinesMeasuresThemAndReports() throws Exception {
        RagBench.Settings settings = new RagBench.Settings(Path.of("src/test/resources/eval/intranet-mini"), 0, 8,
                System.getProperty("docent.it.base-url", "http://127.0.0.1:9180"),
                System.getenv().getOrDefault("DOCENT_DB_URL", "jdbc:postgresql://127.0.0.1:55432/docent_test"),
                "postgres", System.getenv().getOrDefault("DOCENT_PG_SUPERUSER_PASSWORD", ""), List.of(1),
                List.of(120L), Path.of("no-such.pid"), null, "RagBenchIT");
        // The harness runs without rate limits, as ./docent bench rag starts the server.
        ServerSettings.write(Map.of("docent.ratelimit.user.per-minute", "0"));
        String report;
        try {
            report = new RagBench(settings).run();
        } finally {
            ServerSettings.clear();
        }

        assertThat(report).contains("### Ingestion, end to end", "### Search latency (ms)",
                "### /api/v1/ask latency (ms)", "### Recall@10 against exact search", "Memory:");
        // Both pipelines ingested all 24 documents, and each measured row has figures.
        assertThat(report).containsPattern("\\| Docent \\(REST upload[^|]*\\| 24 \\| \\d+ \\| \\d+ \\| \\d+\\.\\d");
        assertThat(report).containsPattern("\\| LangChain4j 1\\.11[^|]*\\| 24 \\| \\d+ \\| \\d+ \\| \\d+\\.\\d");
        assertThat(report).containsPattern("\\| Docent /search hybrid \\| 1% \\| 1 \\| \\d+\\.\\d");
        assertThat(report).containsPattern("\\| LangChain4j retriever \\| 10% \\| 1 \\| \\d+\\.\\d");
        assertThat(report).containsPattern("\\| Docent \\| 100% \\| (0\\.9\\d\\d|1\\.000) \\|");
        assertThat(report).contains("### Lists and routed questions (ms), one client")
                .containsPattern("\\| Docent GET /collections \\| 1% \\| 1 \\| \\d+\\.\\d")
                .containsPattern("\\| Docent GET /documents, newest 20 \\| 10% \\| 1 \\| \\d+\\.\\d")
                .containsPattern("\\| Docent /ask naming no collection \\| 100% \\| 1 \\| \\d+\\.\\d");
        // Both stores grown past 120 chunks by copies, the copies in the keyword index, and measured again.
        String grown = report.substring(report.indexOf("## At 120 chunks"));
        assertThat(grown).containsPattern("Docent (1[2-9]\\d|[2-9]\\d\\d) chunks")
                .containsPattern("LangChain4j (1[2-9]\\d|[2-9]\\d\\d) segments")
                // more than doubled: loaded as a bulk load, each HNSW index dropped and built once afterwards
                .containsPattern("chunks, copied in \\d+ s including its keyword index catching up, its HNSW index "
                        + "dropped first and built afterwards in \\d+ s")
                .containsPattern("segments, copied in \\d+ s, its HNSW index dropped first and built afterwards")
                .contains("### Search latency (ms) at 120 chunks", "### Recall@10 against exact search at 120 chunks",
                        "### Lists and routed questions (ms) at 120 chunks, one client")
                .containsPattern("\\| Docent /search hybrid \\| 1% \\| 1 \\| \\d+\\.\\d")
                .containsPattern("\\| Docent \\| 1% \\| (0\\.9\\d\\d|1\\.000) \\|");
        // Every request answered.
        assertThat(report.lines().filter(line -> line.startsWith("| Docent /") || line.startsWith("| Docent GET")
                        || line.startsWith("| LangChain4j r")))
                .hasSizeGreaterThan(10).allMatch(line -> line.endsWith("| 0 |"));
    }
}
