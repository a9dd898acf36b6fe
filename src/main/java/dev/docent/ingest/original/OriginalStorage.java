package dev.docent.ingest.original;

import dev.docent.web.ApiException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.function.Consumer;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Keeps the bytes of accepted files: in PostgreSQL by default, or in the object store when one is configured. An
 * object is written before the transaction that records it (and queues its job) commits, so a committed job always
 * finds its original; should that transaction roll back, the object is removed again, and objects of deleted
 * documents go once the deletion has committed.
 */
@ApplicationScoped
public class OriginalStorage {

    private static final Logger LOG = Logger.getLogger(OriginalStorage.class.getName());

    /** Where the bytes went: in the row ({@code content}) or in the store under {@code objectKey}. */
    public record Placement(byte[] content, String objectKey) {
    }

    @Resource
    private TransactionSynchronizationRegistry transactions;

    private final ObjectStore store;

    @Inject
    public OriginalStorage(ObjectStore store) {
        this.store = store;
    }

    /** For CDI's client proxy only. */
    protected OriginalStorage() {
        this(null);
    }

    /** Called inside the transaction that records the original. */
    public Placement place(UUID originalId, byte[] content, String contentType) {
        if (!store.enabled()) {
            return new Placement(content, null);
        }
        String key = "originals/" + originalId;
        try {
            store.put(key, content, contentType);
        } catch (SdkException e) {
            LOG.log(Level.WARNING, "could not store an original in the object store", e);
            throw ApiException.unavailable("The document store for originals is not reachable right now; nothing "
                    + "was accepted. Try again shortly.");
        }
        afterCompletion(committed -> {
            if (!committed) {
                deleteQuietly(key);
            }
        });
        return new Placement(null, key);
    }

    public byte[] read(byte[] content, String objectKey) {
        return content != null ? content : store.get(objectKey);
    }

    /** Called inside the transaction that deletes the originals' rows: the objects go once it has committed. */
    public void removeAfterCommit(List<String> objectKeys) {
        if (objectKeys.isEmpty()) {
            return;
        }
        afterCompletion(committed -> {
            if (committed) {
                objectKeys.forEach(this::deleteQuietly);
            }
        });
    }

    /** Removes objects whose rows are already gone (outside a JTA transaction). */
    public void remove(List<String> objectKeys) {
        objectKeys.forEach(this::deleteQuietly);
    }

    private void afterCompletion(Consumer<Boolean> action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.accept(status == Status.STATUS_COMMITTED);
            }
        });
    }

    private void deleteQuietly(String key) {
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not delete " + key + " from the object store; it is left behind", e);
        }
    }
}
