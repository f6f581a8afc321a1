package org.agenthooks.domain.webhook;

import java.time.Instant;
import java.util.Objects;

/** Why and when the service turned a webhook off by itself (a 410 Gone, or failing for too long). */
public record Disablement(String reason, Instant at) {
    public Disablement {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a disablement needs a reason");
        }
    }
}
