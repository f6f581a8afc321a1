package org.agenthooks.application.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that runs at real speed from a fixed start and jumps when a test advances it. Unlike {@link TestClock}
 * it is read safely from the dispatcher's threads, and retries fall due by themselves.
 */
public final class RunningClock extends Clock {
    private final Instant start;
    private final long startNanos = System.nanoTime();
    private final AtomicReference<Duration> jumped = new AtomicReference<>(Duration.ZERO);

    public RunningClock(Instant start) {
        this.start = start;
    }

    public void advance(Duration duration) {
        jumped.accumulateAndGet(duration, Duration::plus);
    }

    @Override
    public Instant instant() {
        return start.plusNanos(System.nanoTime() - startNanos).plus(jumped.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
