package dev.docent.answer;

import java.util.List;

/** The body of POST /ask and /ask/stream. */
public record AskRequest(String question, List<String> collections, Integer topK) {
}
