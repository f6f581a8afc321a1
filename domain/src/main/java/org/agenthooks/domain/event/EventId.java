package org.agenthooks.domain.event;

import org.agenthooks.domain.shared.Base62;
import org.agenthooks.domain.shared.InvalidInputException;

/** Identifies an ingested event: {@code evt_} and 22 base62 characters. Receivers see it as {@code webhook-id}. */
public record EventId(String value) {
    private static final String PREFIX = "evt_";
    private static final int LENGTH = 22;

    public EventId {
        if (!isWellFormed(value)) {
            throw InvalidInputException.of("eventId", "must be 'evt_' followed by 22 letters or digits");
        }
    }

    public static boolean isWellFormed(String value) {
        return Base62.isPrefixed(value, PREFIX, LENGTH);
    }

    /** Time-ordered (see {@link Base62#timeOrdered}): 8 characters of time, 14 random ones (83 bits). */
    public static EventId random() {
        return new EventId(PREFIX + Base62.timeOrdered(System.currentTimeMillis(), LENGTH));
    }

    @Override
    public String toString() {
        return value;
    }
}
