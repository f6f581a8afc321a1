package org.agenthooks.adapters.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sender connects: the TCP connect timeout, the limit on a whole attempt (connect, send, and reading the
 * answer), and whether internal addresses may be delivered to (demo profile only).
 */
public record SenderSettings(Duration connectTimeout, Duration attemptTimeout, boolean allowPrivateNetworks) {
    public SenderSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        if (!connectTimeout.isPositive() || !attemptTimeout.isPositive()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }
}
