package org.agenthooks.application.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.agenthooks.application.port.in.EndpointState;
import org.agenthooks.domain.delivery.AttemptResult;

/**
 * Whether an endpoint is worth trying: closed while it answers; open after {@value #FAILURES_TO_OPEN} attempts in a
 * row got no answer at all (timed out, refused, reset), for {@link #FIRST_OPENING} and twice as long after each
 * failed probe up to {@link #LONGEST_OPENING}; half-open once that time is up, while one probe attempt tests it. Any
 * answer closes it. Not thread-safe: the lanes call it under their lock.
 */
final class CircuitBreaker {
    static final int FAILURES_TO_OPEN = 5;
    static final Duration FIRST_OPENING = Duration.ofSeconds(5);
    static final Duration LONGEST_OPENING = Duration.ofMinutes(2);

    private EndpointState state = EndpointState.CLOSED;
    private int failuresInARow;
    private Duration opening = FIRST_OPENING;
    private Instant openUntil = Instant.MIN;

    EndpointState state() {
        return state;
    }

    /**
     * Whether an attempt may start at {@code now}: empty if so, else the time to try again. When an open breaker's
     * time is up the first caller is let through as the probe (the breaker is half-open until its answer); the
     * others wait.
     */
    Optional<Instant> admit(Instant now) {
        return switch (state) {
            case CLOSED -> Optional.empty();
            case OPEN -> {
                if (now.isBefore(openUntil)) {
                    yield Optional.of(openUntil);
                }
                state = EndpointState.HALF_OPEN;
                yield Optional.empty();
            }
            case HALF_OPEN -> Optional.of(now.plus(opening));
        };
    }

    /** Learns from an attempt's result; true if this opened the breaker (from closed or after a failed probe). */
    boolean record(AttemptResult result, Instant now) {
        if (result.statusCode().isPresent()) {
            state = EndpointState.CLOSED;
            failuresInARow = 0;
            opening = FIRST_OPENING;
            return false;
        }
        failuresInARow++;
        if (state == EndpointState.HALF_OPEN) {
            opening = min(opening.multipliedBy(2), LONGEST_OPENING);
            return open(now);
        }
        return state == EndpointState.CLOSED && failuresInARow >= FAILURES_TO_OPEN && open(now);
    }

    /** The probe ended without a result (dropped or cut short): the next caller may probe at once. */
    void probeLost(Instant now) {
        if (state == EndpointState.HALF_OPEN) {
            state = EndpointState.OPEN;
            openUntil = now;
        }
    }

    /** When the next probe may start, while open. */
    Instant openUntil() {
        return openUntil;
    }

    private boolean open(Instant now) {
        state = EndpointState.OPEN;
        openUntil = now.plus(opening);
        return true;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
