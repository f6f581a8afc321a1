package org.agenthooks.domain.event;

import java.time.Instant;
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

    /**
     * The smallest id {@link #random()} can make at {@code time}'s millisecond: every event made earlier has a
     * smaller id, every one made then or later one at least as large. Ids made before they were time-ordered do
     * not keep to this.
     */
    public static EventId lowestAt(Instant time) {
        return new EventId(PREFIX + Base62.lowestTimeOrdered(time.toEpochMilli(), LENGTH));
    }

    @Override
    public String toString() {
        return value;
    }
}
