package dev.docent.bench;

import dev.docent.observe.eval.BeirDataset;
import java.util.ArrayList;
import java.util.List;

/**
 * A corpus document as both pipelines get it, with its place in the ACL selectivities: every document is readable
 * by the 100% group, one in ten also by the 10% group, one in a hundred also by the 1% group.
 */
public record BenchDocument(String id, String title, String text, boolean in10, boolean in1) {

    /** The corpus, repeated with distinct ids until it has {@code count} documents (0: the corpus once). */
    public static List<BenchDocument> from(BeirDataset dataset, int count) {
        List<BeirDataset.Doc> corpus = dataset.corpus();
        int total = count <= 0 ? corpus.size() : count;
        List<BenchDocument> documents = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            BeirDataset.Doc doc = corpus.get(i % corpus.size());
            String id = i < corpus.size() ? doc.id() : doc.id() + "-r" + (i / corpus.size());
            String title = doc.title().isBlank() ? id : doc.title().length() > 500 ? doc.title().substring(0, 500)
                    : doc.title();
            documents.add(new BenchDocument(id, title, doc.text(), i % 10 == 0, i % 100 == 0));
        }
        return documents;
    }
}
