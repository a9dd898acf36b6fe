package dev.docent.ingest.parse;

/** A unit of a document's structure: a heading (level 1-6) or a paragraph (level 0). */
public record Block(int headingLevel, String text) {

    public static Block heading(int level, String text) {
        return new Block(Math.max(1, Math.min(6, level)), text);
    }

    public static Block paragraph(String text) {
        return new Block(0, text);
    }

    public boolean isHeading() {
        return headingLevel > 0;
    }
}
