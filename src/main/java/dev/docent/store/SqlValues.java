package dev.docent.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values from native JPA queries, whose Java types depend on the driver and Hibernate's mapping. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A timestamptz column as an Instant, whether it arrives as Instant, OffsetDateTime or Timestamp. */
    public static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
