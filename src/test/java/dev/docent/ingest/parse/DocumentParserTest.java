package dev.docent.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docent.it.SampleFiles;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Apache Tika on real files of every accepted format (no server needed). */
class DocumentParserTest {

    private final DocumentParser parser = new DocumentParser();

    @Test
    void pdf() {
        byte[] pdf = SampleFiles.pdf("Budget rules", "Travel above 2000 euros needs approval.");

        assertThat(parser.detect(pdf, "budget.pdf")).isEqualTo(DocumentParser.PDF);
        ParsedDocument parsed = parser.parse(pdf, DocumentParser.PDF, "budget.pdf");
        assertThat(parsed.title()).isEqualTo("Budget rules");
        assertThat(text(parsed)).contains("Travel above 2000 euros needs approval.");
    }

    @Test
    void docxKeepsItsHeadings() {
        byte[] docx = SampleFiles.docx("Printers", "The colour printer needs a badge.");

        assertThat(parser.detect(docx, "printers.docx")).isEqualTo(DocumentParser.DOCX);
        ParsedDocument parsed = parser.parse(docx, DocumentParser.DOCX, "printers.docx");
        assertThat(parsed.blocks()).contains(Block.heading(1, "Printers"), Block.paragraph("The colour printer needs a badge."));
    }

    @Test
    void htmlWithoutScriptsOrStyles() {
        byte[] html = SampleFiles.html("Wiki", "Backups run nightly.");

        assertThat(parser.detect(html, "wiki.html")).isEqualTo(DocumentParser.HTML);
        ParsedDocument parsed = parser.parse(html, DocumentParser.HTML, "wiki.html");
        assertThat(parsed.title()).isEqualTo("Wiki");
        assertThat(parsed.blocks()).contains(Block.heading(1, "Wiki"), Block.paragraph("Backups run nightly."));
        assertThat(text(parsed)).doesNotContain("console.log").doesNotContain("color:red");
    }

    @Test
    void markdownIsToldFromTextByItsName() {
        byte[] markdown = "# Notes\n\nSome text.".getBytes(StandardCharsets.UTF_8);

        assertThat(parser.detect(markdown, "notes.md")).isEqualTo(DocumentParser.MARKDOWN);
        assertThat(parser.detect(markdown, "notes.txt")).isEqualTo(DocumentParser.TEXT);
        ParsedDocument parsed = parser.parse(markdown, DocumentParser.MARKDOWN, "notes.md");
        assertThat(parsed.title()).isEqualTo("Notes");
        assertThat(parsed.blocks()).containsExactly(Block.heading(1, "Notes"), Block.paragraph("Some text."));
    }

    @Test
    void textInLatin1IsDecoded() {
        byte[] latin1 = "Die Kantine öffnet um 11:30 Uhr für alle Mitarbeiter und Gäste des Hauses.".getBytes(StandardCharsets.ISO_8859_1);

        ParsedDocument parsed = parser.parse(latin1, DocumentParser.TEXT, "kantine.txt");
        assertThat(text(parsed)).contains("öffnet").contains("für");
    }

    @Test
    void otherTypesAreRefused() {
        assertThatThrownBy(() -> parser.detect(SampleFiles.png(), "image.png"))
                .isInstanceOf(UnsupportedDocumentException.class)
                .hasMessageContaining("image/png");
    }

    @Test
    void aDocumentWithoutTextIsRefused() {
        assertThatThrownBy(() -> parser.parse("   \n\n ".getBytes(StandardCharsets.UTF_8), DocumentParser.TEXT, "blank.txt"))
                .isInstanceOf(UnsupportedDocumentException.class)
                .hasMessageContaining("no readable text");
    }

    @Test
    void pdfLinesAreJoinedIntoSentences() {
        assertThat(DocumentParser.joinLines("a long sen-\ntence that wraps\nhere")).isEqualTo("a long sentence that wraps here");
    }

    private static String text(ParsedDocument parsed) {
        return String.join("\n", parsed.blocks().stream().map(Block::text).toList());
    }
}
