package dev.docent.ingest.parse;

import java.util.List;

/** A document reduced to its title (when it declares one) and its headings and paragraphs, in order. */
public record ParsedDocument(String title, List<Block> blocks) {

    public ParsedDocument {
        blocks = List.copyOf(blocks);
    }

    public boolean isEmpty() {
        return blocks.stream().allMatch(block -> block.text().isBlank());
    }
}
