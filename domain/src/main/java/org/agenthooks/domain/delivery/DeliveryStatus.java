package org.agenthooks.domain.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a delivery stands: still being tried, or done one way or the other. */
public enum DeliveryStatus {
    PENDING,
    SUCCEEDED,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> fromWireName(String name) {
        return Arrays.stream(values())
                .filter(status -> status.wireName().equals(name))
                .findFirst();
    }
}
