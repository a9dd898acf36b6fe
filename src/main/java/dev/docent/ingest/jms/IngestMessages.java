package dev.docent.ingest.jms;

/**
 * The JMS contract of queue docent.ingest (see docs/JMS.md): a TextMessage (the text) or a BytesMessage (a file),
 * with these string properties. Docent's own uploads travel on the same queue carrying only {@link #JOB_ID}.
 */
public final class IngestMessages {

    public static final String COLLECTION = "docentCollection";
    public static final String GROUPS = "docentGroups";
    public static final String EXTERNAL_ID = "docentExternalId";
    public static final String TITLE = "docentTitle";
    public static final String CONTENT_TYPE = "docentContentType";
    public static final String FILE_NAME = "docentFileName";
    public static final String TTL_DAYS = "docentTtlDays";
    public static final String ACTION = "docentAction";

    /** Set by Docent: the job an upload created, on its own messages and on dead letters. */
    public static final String JOB_ID = "docentJobId";
    /** Set by Docent on dead letters: why the message could not be processed. */
    public static final String ERROR = "docentError";
    /** Set by Docent on dead letters: the JMSMessageID of the message as it was received. */
    public static final String ORIGINAL_MESSAGE_ID = "docentOriginalMessageId";

    private IngestMessages() {
    }
}
