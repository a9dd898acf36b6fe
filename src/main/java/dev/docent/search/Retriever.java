package dev.docent.search;

import java.util.List;

/** Finds the passages most relevant to a query among those its caller may read, best first. */
public interface Retriever {

    List<RetrievedChunk> retrieve(RetrievalQuery query);
}
