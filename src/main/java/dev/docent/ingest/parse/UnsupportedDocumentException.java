package dev.docent.ingest.parse;

/** The content cannot become text: an unsupported type, a damaged file, or nothing readable in it. */
public class UnsupportedDocumentException extends RuntimeException {

    public UnsupportedDocumentException(String message) {
        super(message);
    }

    public UnsupportedDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
