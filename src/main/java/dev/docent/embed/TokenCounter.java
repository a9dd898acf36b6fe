package dev.docent.embed;

/** Counts tokens the way the embedding model does, so that chunks fit its window. */
@FunctionalInterface
public interface TokenCounter {

    int count(String text);
}
