package dev.docent.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docent.embed.SentenceVectors;
import dev.docent.embed.WordEmbedder;
import dev.docent.search.RetrievedChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExtractiveAnswerGeneratorTest {

    private static final SentenceVectors SENTENCES = WordEmbedder.sentenceVectors();
    private final WordEmbedder embedder = new WordEmbedder();
    private final ExtractiveAnswerGenerator generator = new ExtractiveAnswerGenerator(SENTENCES, 3, 30, 2, 700, 0.3);

    @Test
    void answersWithTheClosestSentenceAndCitesItsSource() {
        List<RetrievedChunk> sources = List.of(
                chunk("The canteen opens at noon. Parking is free for visitors on weekends."),
                chunk("Badges are printed at reception. Lost badges are replaced within one working day."));
        String question = "How quickly are lost badges replaced?";

        List<String> tokens = new ArrayList<>();
        AnswerGenerator.Generated answer = generator.generate(question, embedder.embedQuery(question), sources, tokens::add);

        assertThat(answer.text()).isEqualTo("Lost badges are replaced within one working day. [2]");
        assertThat(String.join("", tokens)).isEqualTo(answer.text());
        assertThat(tokens).hasSizeGreaterThan(5);
        assertThat(answer.usage()).isEqualTo(Usage.NONE);
    }

    @Test
    void severalSentencesComeInReadingOrderEachWithItsCitation() {
        List<RetrievedChunk> sources = List.of(
                chunk("Visitors register at reception before entering the building."),
                chunk("Visitors must wear the visitor badge while inside the building at all times."));
        String question = "What must visitors do in the building?";

        String answer = generator.generate(question, embedder.embedQuery(question), sources, t -> { }).text();

        assertThat(answer).isEqualTo("Visitors register at reception before entering the building. [1] "
                + "Visitors must wear the visitor badge while inside the building at all times. [2]");
    }

    @Test
    void onlySentencesCloseToTheBestOneAreKept() {
        ExtractiveAnswerGenerator focused = new ExtractiveAnswerGenerator(SENTENCES, 3, 30, 3, 700, 0.05);
        List<RetrievedChunk> sources = List.of(chunk(
                "Expense reports are filed in the finance portal within thirty days. The weather was nice yesterday."));
        String question = "Where are expense reports filed?";

        String answer = focused.generate(question, embedder.embedQuery(question), sources, t -> { }).text();

        assertThat(answer).isEqualTo("Expense reports are filed in the finance portal within thirty days. [1]");
    }

    @Test
    void onlyTheTopSourcesAreRead() {
        ExtractiveAnswerGenerator oneSource = new ExtractiveAnswerGenerator(SENTENCES, 1, 30, 3, 700, 1.0);
        List<ExtractiveAnswerGenerator.Candidate> candidates = oneSource.candidates(List.of(
                chunk("First source sentence is long enough."), chunk("Second source sentence is long enough.")));

        assertThat(candidates).extracting(ExtractiveAnswerGenerator.Candidate::source).containsOnly(0);
    }

    @Test
    void aSourceOfFragmentsIsQuotedWhole() {
        List<RetrievedChunk> sources = List.of(chunk("Yes. No. Maybe."));

        String answer = generator.generate("q", embedder.embedQuery("q"), sources, t -> { }).text();

        assertThat(answer).isEqualTo("Yes. No. Maybe. [1]");
    }

    private static RetrievedChunk chunk(String text) {
        return new RetrievedChunk(1, UUID.randomUUID(), "ext", "title", null, text, 0.9, 0.9);
    }
}
