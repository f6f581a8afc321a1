package org.agenthooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An instance whose own clock is 30 s off still reads lease times from the database's clock (the database runs on
 * this machine, so its clock is the system clock).
 */
class DatabaseClockTest {
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Duration ROUND_TRIP = Duration.ofMillis(500);

    abstract static class Contract {
        abstract Database database();

        @Test
        void a_clock_running_ahead_of_the_database_is_corrected_to_the_databases_time() {
            try (DatabaseClock clock = DatabaseClock.of(database(), Clock.offset(Clock.systemUTC(), SKEW))) {
                assertThat(clock.offset())
                        .isBetween(
                                SKEW.negated().minus(ROUND_TRIP), SKEW.negated().plus(ROUND_TRIP));
                assertThat(Duration.between(Instant.now(), clock.instant()).abs())
                        .isLessThan(ROUND_TRIP);
            }
        }

        @Test
        void a_clock_running_behind_the_database_is_corrected_too() {
            try (DatabaseClock clock = DatabaseClock.of(database(), Clock.offset(Clock.systemUTC(), SKEW.negated()))) {
                assertThat(Duration.between(Instant.now(), clock.instant()).abs())
                        .isLessThan(ROUND_TRIP);
            }
        }
    }

    @Nested
    class OnH2 extends Contract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.h2();

        @Override
        Database database() {
            return DATABASE.database();
        }
    }

    @Nested
    class OnPostgreSql extends Contract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.postgresql();

        @Override
        Database database() {
            return DATABASE.database();
        }
    }
}
