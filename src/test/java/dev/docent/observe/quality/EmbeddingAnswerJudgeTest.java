package dev.docent.observe.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.docent.embed.WordEmbedder;
import dev.docent.search.RetrievedChunk;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EmbeddingAnswerJudgeTest {

    private final WordEmbedder embedder = new WordEmbedder();
    private final EmbeddingAnswerJudge judge = new EmbeddingAnswerJudge(WordEmbedder.sentenceVectors(), 0.8);
    private final List<RetrievedChunk> context = List.of(new RetrievedChunk(1, UUID.randomUUID(), "e", "t", null,
            "Lunch is served from noon until two. The cafeteria closes on public holidays.", 0.9, 0.9));

    @Test
    void anAnswerQuotingItsContextIsFaithful() {
        String question = "When is lunch served?";
        AnswerJudge.Judgement judgement = judge.judge(question, embedder.embedQuery(question),
                "Lunch is served from noon until two. [1]", context);

        assertThat(judgement.faithfulness()).isEqualTo(1.0);
        assertThat(judgement.answerRelevance()).isPositive();
        assertThat(judgement.judge()).isEqualTo("embedding");
    }

    @Test
    void aSentenceTheContextDoesNotSupportLowersFaithfulness() {
        String question = "When is lunch served?";
        AnswerJudge.Judgement judgement = judge.judge(question, embedder.embedQuery(question),
                "Lunch is served from noon until two. [1] Parking permits require director approval.", context);

        assertThat(judgement.faithfulness()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void citationsAreNotPartOfWhatIsJudged() {
        assertThat(EmbeddingAnswerJudge.withoutCitations("One. [1] Two [2][3].")).isEqualTo("One. Two.");
    }
}
