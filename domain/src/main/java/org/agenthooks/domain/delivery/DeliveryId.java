package org.agenthooks.domain.delivery;

import org.agenthooks.domain.shared.Base62;
import org.agenthooks.domain.shared.InvalidInputException;

/** Identifies one event's delivery to one webhook: {@code dlv_} and 22 base62 characters. */
public record DeliveryId(String value) {
    private static final String PREFIX = "dlv_";
    private static final int LENGTH = 22;

    public DeliveryId {
        if (!isWellFormed(value)) {
            throw InvalidInputException.of("deliveryId", "must be 'dlv_' followed by 22 letters or digits");
        }
    }

    public static boolean isWellFormed(String value) {
        return Base62.isPrefixed(value, PREFIX, LENGTH);
    }

    /** Time-ordered (see {@link Base62#timeOrdered}): 8 characters of time, 14 random ones (83 bits). */
    public static DeliveryId random() {
        return new DeliveryId(PREFIX + Base62.timeOrdered(System.currentTimeMillis(), LENGTH));
    }

    @Override
    public String toString() {
        return value;
    }
}
