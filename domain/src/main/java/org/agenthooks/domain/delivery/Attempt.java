package org.agenthooks.domain.delivery;

import java.time.Instant;
import java.util.Objects;

/** One recorded attempt of a delivery: when, and what came of it. */
public record Attempt(DeliveryId deliveryId, int number, Instant startedAt, AttemptResult result) {
    public Attempt {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(result, "result");
        if (number < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1");
        }
    }
}
