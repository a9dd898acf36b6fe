package dev.docent.answer.llm;

/** The model refused the request itself (a wrong key, an unknown model): retrying would not help. */
public class ChatRejectedException extends RuntimeException {

    public ChatRejectedException(String message) {
        super(message);
    }
}
