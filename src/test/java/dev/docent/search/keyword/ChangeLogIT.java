package dev.docent.search.keyword;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.it.Db;
import dev.docent.it.Deployments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The keyword index's reader of the chunk change log, on the real schema (deployed, so migrated) as the application's
 * role: a full build, as a new node or a rebuilt index runs it, over more chunks than one page.
 */
@ExtendWith(ArquillianExtension.class)
class ChangeLogIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.docent();
    }

    @Test
    void aFullBuildReadsEveryChunkPageByPageAndWhatCommitsMeanwhileIsInTheNextWindow() throws Exception {
        String word = "changelog" + UUID.randomUUID().toString().substring(0, 8);
        UUID document = UUID.randomUUID();
        Db.execute("INSERT INTO document (id, collection_id, external_id, title, acl_groups, status, created_by) "
                + "SELECT '" + document + "', id, '" + word + "', 'Change log', ARRAY['changelog-it'], 'ready', 'it' "
                + "FROM collection WHERE name = 'general'");
        // One transaction writes 2,500 chunks: more than two pages.
        Db.execute(chunks(document, word + " n", "generate_series(1, 2500)"));
        ChangeLog log = new ChangeLog(Db.appDataSource());

        List<Integer> pageSizes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String horizon = log.everything(page -> {
            pageSizes.add(page.size());
            page.stream().map(IndexedChunk::text).filter(text -> text.startsWith(word)).forEach(seen::add);
            if (pageSizes.size() == 1) {
                // A write that commits while the build is under way.
                Db.execute(chunks(document, word + " late", "generate_series(1, 1)"));
            }
        });

        assertThat(pageSizes).allMatch(size -> size <= ChangeLog.PAGE);
        assertThat(seen).contains(word + " n1", word + " n1000", word + " n1001", word + " n2500");
        assertThat(seen.stream().filter(text -> text.contains(" n"))).hasSize(2500);
        // Each page is read in a transaction of its own, so a later page already sees the late chunk;
        assertThat(seen).contains(word + " late1");
        // and the window from the returned horizon has it too, so nothing that commits during a build is missed.
        List<String> window = new ArrayList<>();
        log.changesSince(horizon, page -> page.upserts().forEach(chunk -> window.add(chunk.text())));
        assertThat(window).contains(word + " late1");

        Db.execute("DELETE FROM document WHERE id = '" + document + "'");
    }

    /** Chunks of the document, one per value of {@code series}, each with text {@code prefix} and the value. */
    private static String chunks(UUID document, String prefix, String series) {
        return "INSERT INTO chunk (document_id, collection_id, ordinal, text, text_sha256, token_count, embedding, "
                + "acl_groups) SELECT d.id, d.collection_id, n, '" + prefix + "' || n, repeat('0', 64), 3, "
                + "array_fill(0.05::real, ARRAY[384])::vector::halfvec, d.acl_groups FROM document d, " + series
                + " AS n WHERE d.id = '" + document + "'";
    }
}
