package dev.docent.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlainTextStructureTest {

    @Test
    void markdownHeadingsAndParagraphs() {
        List<Block> blocks = PlainTextStructure.blocks("""
                # Title

                First paragraph
                continues here.

                Sub title
                ---------

                ## Closing ##
                Last words.
                """, true);

        assertThat(blocks).containsExactly(
                Block.heading(1, "Title"),
                Block.paragraph("First paragraph\ncontinues here."),
                Block.heading(2, "Sub title"),
                Block.heading(2, "Closing"),
                Block.paragraph("Last words."));
    }

    @Test
    void fencedCodeStaysOneBlockEvenWithHashesAndBlankLines() {
        List<Block> blocks = PlainTextStructure.blocks("""
                ```
                # not a heading

                still code
                ```
                """, true);

        assertThat(blocks).hasSize(1);
        assertThat(blocks.get(0).isHeading()).isFalse();
        assertThat(blocks.get(0).text()).contains("# not a heading").contains("still code");
    }

    @Test
    void plainTextHasNoHeadings() {
        List<Block> blocks = PlainTextStructure.blocks("# just text\r\n\r\nsecond", false);

        assertThat(blocks).containsExactly(Block.paragraph("# just text"), Block.paragraph("second"));
    }
}
