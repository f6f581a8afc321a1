package org.agenthooks.domain.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When each attempt is due, counted from the failure before it: the first entry is the wait before the first
 * attempt (normally none). Waits are stretched by up to {@code jitter} (a fraction) so that failures that
 * happened together do not retry together.
 */
public record RetrySchedule(List<Duration> waits, double jitter) {
    /** Immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h: eight attempts over about 28 hours. */
    public static final RetrySchedule STANDARD = new RetrySchedule(
            List.of(
                    Duration.ZERO,
                    Duration.ofSeconds(5),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(30),
                    Duration.ofHours(2),
                    Duration.ofHours(5),
                    Duration.ofHours(10),
                    Duration.ofHours(10)),
            0.1);

    public RetrySchedule {
        waits = List.copyOf(waits);
        if (waits.isEmpty() || waits.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("a retry schedule needs at least one wait, none negative");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter is a fraction from 0 to 1");
        }
    }

    public int maxAttempts() {
        return waits.size();
    }

    /**
     * The wait before the next attempt after {@code failedAttempts} attempts failed, or empty when the schedule
     * is spent. A receiver's {@code Retry-After} is honoured up to twice the scheduled wait, never below it.
     */
    public Optional<Duration> waitAfter(int failedAttempts, Optional<Duration> retryAfter, DoubleSupplier random) {
        if (failedAttempts >= waits.size()) {
            return Optional.empty();
        }
        Duration scheduled = waits.get(failedAttempts);
        Duration jittered = scheduled.plusMillis((long) (scheduled.toMillis() * jitter * random.getAsDouble()));
        if (retryAfter.isEmpty()) {
            return Optional.of(jittered);
        }
        Duration asked = retryAfter.get();
        Duration ceiling = scheduled.multipliedBy(2);
        Duration honoured = asked.compareTo(ceiling) > 0 ? ceiling : asked;
        return Optional.of(honoured.compareTo(jittered) > 0 ? honoured : jittered);
    }
}
