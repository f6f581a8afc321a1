package org.agenthooks.domain.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Every stored instant is cut to microseconds, the finest precision both H2 and PostgreSQL keep. */
public final class Timestamps {
    private Timestamps() {}

    public static Instant now(Clock clock) {
        return micros(clock.instant());
    }

    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
