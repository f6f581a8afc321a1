package org.agenthooks.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The deliveries still to be made: how many, and since when the oldest has waited. */
public record Backlog(long pending, Optional<Instant> oldestCreatedAt) {
    public static final Backlog EMPTY = new Backlog(0, Optional.empty());

    public Backlog {
        Objects.requireNonNull(oldestCreatedAt, "oldestCreatedAt");
        if (pending < 0 || (pending == 0) != oldestCreatedAt.isEmpty()) {
            throw new IllegalArgumentException("a backlog has an oldest delivery exactly when it is not empty");
        }
    }

    /** How long the oldest pending delivery has existed at {@code now}; zero when nothing is pending. */
    public Duration oldestAge(Instant now) {
        return oldestCreatedAt
                .map(oldest -> Duration.between(oldest, now))
                .filter(age -> !age.isNegative())
                .orElse(Duration.ZERO);
    }
}
