package org.agenthooks.application.port.in;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How the delivery engine of this instance sees one receiving endpoint (scheme, host and port): its circuit, how
 * many attempts it may run at once now ({@code limit}, adaptive), how many run, and until when a {@code Retry-After}
 * pauses it.
 */
public record EndpointHealth(EndpointState state, int limit, int inFlight, Optional<Instant> pausedUntil) {
    public EndpointHealth {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(pausedUntil, "pausedUntil");
        if (limit < 1 || inFlight < 0) {
            throw new IllegalArgumentException("limit must be at least 1 and inFlight not negative");
        }
    }
}
