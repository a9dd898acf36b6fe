package dev.docent.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docent.embed.TokenCounter;
import dev.docent.ingest.parse.Block;
import dev.docent.ingest.parse.ParsedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    /** One token per whitespace-separated word: easy to count by hand. */
    private static final TokenCounter WORDS = text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;

    @Test
    void aShortDocumentIsOnePassageWithTitleAndHeadingInFrontOfItsText() {
        ParsedDocument document = new ParsedDocument(null, List.of(
                Block.heading(2, "On-call"),
                Block.paragraph("Pages are answered within 15 minutes.")));

        List<ChunkDraft> chunks = new Chunker(WORDS, 100, 10).chunk(document, "Handbook");

        assertThat(chunks).hasSize(1);
        ChunkDraft chunk = chunks.get(0);
        assertThat(chunk.ordinal()).isZero();
        assertThat(chunk.heading()).isEqualTo("On-call");
        assertThat(chunk.text()).isEqualTo("Pages are answered within 15 minutes.");
        assertThat(chunk.embeddingText()).isEqualTo("Handbook\nOn-call\nPages are answered within 15 minutes.");
        assertThat(chunk.tokenCount()).isEqualTo(6);
        assertThat(chunk.hash()).hasSize(64);
    }

    @Test
    void aPassageNeverSpansTwoSections() {
        ParsedDocument document = new ParsedDocument(null, List.of(
                Block.heading(1, "Guide"),
                Block.heading(2, "Reception"),
                Block.paragraph("Open from seven."),
                Block.heading(2, "Gym"),
                Block.paragraph("Open to everyone."),
                Block.heading(3, "Showers"),
                Block.paragraph("Bring a towel.")));

        List<ChunkDraft> chunks = new Chunker(WORDS, 100, 10).chunk(document, "Guide");

        assertThat(chunks).extracting(ChunkDraft::heading)
                .containsExactly("Guide > Reception", "Guide > Gym", "Guide > Gym > Showers");
        assertThat(chunks).extracting(ChunkDraft::text)
                .containsExactly("Open from seven.", "Open to everyone.", "Bring a towel.");
        assertThat(chunks).extracting(ChunkDraft::ordinal).containsExactly(0, 1, 2);
    }

    @Test
    void paragraphsArePackedWholeWhileTheyFit() {
        ParsedDocument document = new ParsedDocument(null, List.of(
                Block.paragraph(words("a", 8)), Block.paragraph(words("b", 8)), Block.paragraph(words("c", 8))));

        List<ChunkDraft> chunks = new Chunker(WORDS, 20, 0).chunk(document, null);

        assertThat(chunks).extracting(ChunkDraft::text)
                .containsExactly(words("a", 8) + "\n\n" + words("b", 8), words("c", 8));
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokenCount()).isLessThanOrEqualTo(20));
    }

    @Test
    void aLongParagraphIsCutBetweenSentencesWithOverlap() {
        List<String> sentences = IntStream.range(0, 12).mapToObj(i -> "Sentence " + i + " has exactly six words.")
                .toList();
        ParsedDocument document = new ParsedDocument(null, List.of(Block.paragraph(String.join(" ", sentences))));

        List<ChunkDraft> chunks = new Chunker(WORDS, 30, 6).chunk(document, null);

        assertThat(chunks).hasSizeGreaterThan(2);
        assertThat(chunks).allSatisfy(c -> assertThat(WORDS.count(c.text())).isLessThanOrEqualTo(30));
        for (int i = 1; i < chunks.size(); i++) {
            String previousLastSentence = lastSentence(chunks.get(i - 1).text());
            assertThat(chunks.get(i).text()).as("chunk %d starts with the overlap", i).startsWith(previousLastSentence);
        }
        String all = chunks.stream().map(ChunkDraft::text).collect(Collectors.joining(" "));
        assertThat(sentences).allSatisfy(s -> assertThat(all).contains(s));
    }

    @Test
    void aSentenceLongerThanThePassageIsCutBetweenWords() {
        ParsedDocument document = new ParsedDocument(null, List.of(Block.paragraph(words("w", 50))));

        List<ChunkDraft> chunks = new Chunker(WORDS, 20, 0).chunk(document, null);

        assertThat(chunks).hasSize(3);
        assertThat(chunks).extracting(ChunkDraft::tokenCount).containsExactly(20, 20, 10);
    }

    @Test
    void theTitleCountsAgainstTheBudget() {
        ParsedDocument document = new ParsedDocument(null, List.of(Block.paragraph(words("x", 30))));

        List<ChunkDraft> chunks = new Chunker(WORDS, 20, 0).chunk(document, words("t", 5));

        assertThat(chunks).allSatisfy(c -> assertThat(WORDS.count(c.embeddingText())).isLessThanOrEqualTo(20));
    }

    @Test
    void theHashFollowsWhatIsEmbedded() {
        Chunker chunker = new Chunker(WORDS, 100, 10);
        ParsedDocument document = new ParsedDocument(null, List.of(Block.paragraph("Same text.")));

        String plain = chunker.chunk(document, "One title").get(0).hash();
        assertThat(chunker.chunk(document, "One title").get(0).hash()).isEqualTo(plain);
        assertThat(chunker.chunk(document, "Another title").get(0).hash()).isNotEqualTo(plain);
    }

    @Test
    void headingsWithoutTextMakeNoPassages() {
        ParsedDocument document = new ParsedDocument(null, List.of(Block.heading(1, "Empty"), Block.heading(2, "Also")));

        assertThat(new Chunker(WORDS, 100, 10).chunk(document, "t")).isEmpty();
    }

    @Test
    void refusesAnOverlapThatWouldNeverEnd() {
        assertThatThrownBy(() -> new Chunker(WORDS, 100, 60)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String words(String prefix, int count) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add(prefix + i);
        }
        return String.join(" ", words);
    }

    private static String lastSentence(String text) {
        String trimmed = text.strip();
        int end = trimmed.lastIndexOf('.', trimmed.length() - 2);
        return trimmed.substring(end + 1).strip();
    }
}
