package dev.docent.answer.llm;

/** The model did not answer in time, was overloaded (429) or failed (5xx): another try may work. */
public class ChatUnavailableException extends RuntimeException {

    public ChatUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
