package org.agenthooks.domain.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a webhook gets the events of one conversation in ingest order ({@code conversation}, a later one waits
 * while an earlier one is pending) or each as soon as it can ({@code none}).
 */
public enum Ordering {
    CONVERSATION,
    NONE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Ordering> fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(ordering -> ordering.wireName().equals(wireName))
                .findFirst();
    }
}
