package org.agenthooks.domain.webhook;

import java.time.Instant;
import java.util.Objects;

/** The secret a rotation replaced, still signing alongside the new one until {@code expiresAt}. */
public record PreviousSecret(Secret secret, Instant expiresAt) {
    public PreviousSecret {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean validAt(Instant at) {
        return at.isBefore(expiresAt);
    }
}
