package dev.docent.observe.quality;

import dev.docent.search.RetrievedChunk;
import java.util.List;

/**
 * Scores an answer: faithfulness (the share of its sentences that the retrieved context supports) and answer
 * relevance (how well it addresses the question), both from 0 to 1. The default judge uses the embedding model;
 * a language-model judge can take its place when one is configured.
 */
public interface AnswerJudge {

    Judgement judge(String question, float[] questionVector, String answer, List<RetrievedChunk> context);

    /** The scores, and which judge gave them. */
    record Judgement(double faithfulness, double answerRelevance, String judge) {
    }
}
