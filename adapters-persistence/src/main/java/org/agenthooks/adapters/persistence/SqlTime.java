package org.agenthooks.adapters.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants to and from {@code TIMESTAMP WITH TIME ZONE} columns, which H2 reads back as offset date-times and
 * PostgreSQL as timestamps.
 */
final class SqlTime {
    private SqlTime() {}

    /** A value for a timestamp parameter; an offset date-time needs no session time zone to be understood. */
    static OffsetDateTime of(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant toInstant(Object value) {
        return switch (value) {
            case OffsetDateTime dateTime -> dateTime.toInstant();
            case Timestamp timestamp -> timestamp.toInstant();
            default ->
                throw new IllegalStateException(
                        "not a timestamp: " + value.getClass().getName());
        };
    }
}
