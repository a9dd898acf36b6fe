package dev.docent.answer.llm;

/** The model's answer broke off after it had started: what was streamed stays, the answer ends with an error. */
public class ChatInterruptedException extends RuntimeException {

    public ChatInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
