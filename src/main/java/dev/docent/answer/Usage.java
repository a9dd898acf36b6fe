package dev.docent.answer;

/** Language-model tokens an answer cost; zero for the extractive answerer, which calls no language model. */
public record Usage(int inputTokens, int outputTokens) {

    public static final Usage NONE = new Usage(0, 0);
}
