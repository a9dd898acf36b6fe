package dev.docent.answer;

/**
 * Language-model tokens an answer cost, and their price (docent.llm.price.*-per-1k); zero for the extractive
 * answerer and for cached answers, which call no model.
 */
public record Usage(int inputTokens, int outputTokens, double cost) {

    public static final Usage NONE = new Usage(0, 0, 0);
}
