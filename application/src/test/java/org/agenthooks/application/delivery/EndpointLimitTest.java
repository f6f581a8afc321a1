package org.agenthooks.application.delivery;

import static org.agenthooks.application.testing.Fixtures.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.delivery.AttemptResult;
import org.junit.jupiter.api.Test;

class EndpointLimitTest {
    private final TestClock clock = new TestClock(START);

    private static AttemptResult answered(int status, Duration took) {
        return AttemptResult.answered(status, Optional.empty(), took, "");
    }

    private static AttemptResult fast() {
        return answered(200, Duration.ofMillis(10));
    }

    /** An attempt that started now and ended a little later, after which time moves on. */
    private void attempt(EndpointLimit limit, AttemptResult result) {
        Instant started = clock.instant();
        clock.advance(Duration.ofMillis(10));
        limit.record(result, started, clock.instant());
    }

    @Test
    void it_starts_at_the_maximum_and_fast_successes_never_take_it_above() {
        EndpointLimit limit = new EndpointLimit(8);

        for (int i = 0; i < 100; i++) {
            attempt(limit, fast());
        }

        assertThat(limit.limit()).isEqualTo(8);
    }

    @Test
    void timeouts_5xx_and_429_each_cut_it_multiplicatively() {
        EndpointLimit limit = new EndpointLimit(64);

        attempt(limit, AttemptResult.unreachable("timed out", Duration.ofSeconds(10)));
        assertThat(limit.limit()).isEqualTo(44);
        attempt(limit, answered(503, Duration.ofMillis(5)));
        assertThat(limit.limit()).isEqualTo(31);
        attempt(limit, answered(429, Duration.ofMillis(5)));
        assertThat(limit.limit()).isEqualTo(21);
    }

    @Test
    void a_4xx_other_than_429_is_an_answer_not_overload() {
        EndpointLimit limit = new EndpointLimit(8);

        attempt(limit, answered(400, Duration.ofMillis(10)));

        assertThat(limit.limit()).isEqualTo(8);
    }

    @Test
    void it_never_falls_below_one() {
        EndpointLimit limit = new EndpointLimit(64);

        for (int i = 0; i < 50; i++) {
            attempt(limit, AttemptResult.unreachable("refused", Duration.ofMillis(1)));
        }

        assertThat(limit.limit()).isEqualTo(1);
    }

    @Test
    void failures_of_attempts_started_before_the_last_cut_do_not_cut_it_again() {
        EndpointLimit limit = new EndpointLimit(10);
        Instant together = clock.instant();
        clock.advance(Duration.ofMillis(10));

        for (int i = 0; i < 5; i++) {
            limit.record(answered(429, Duration.ofMillis(5)), together, clock.instant());
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(limit.limit()).isEqualTo(7);
    }

    @Test
    void fast_successes_grow_it_by_about_one_per_round_of_answers() {
        EndpointLimit limit = new EndpointLimit(64);
        for (int i = 0; i < 20; i++) {
            attempt(limit, AttemptResult.unreachable("refused", Duration.ofMillis(1)));
        }
        assertThat(limit.limit()).isEqualTo(1);

        attempt(limit, fast());
        assertThat(limit.limit()).isEqualTo(2);
        attempt(limit, fast());
        attempt(limit, fast());
        assertThat(limit.limit()).as("2 + 1/2 + 1/2.5").isEqualTo(2);
        attempt(limit, fast());
        assertThat(limit.limit()).isEqualTo(3);
        for (int i = 0; i < 3000; i++) {
            attempt(limit, fast());
        }
        assertThat(limit.limit()).isEqualTo(64);
    }

    @Test
    void answers_far_slower_than_the_endpoints_usual_latency_cut_it() {
        EndpointLimit limit = new EndpointLimit(20);
        for (int i = 0; i < 20; i++) {
            attempt(limit, answered(200, Duration.ofMillis(20)));
        }
        assertThat(limit.baseline()).isEqualTo(Duration.ofMillis(20));

        attempt(limit, answered(200, Duration.ofMillis(500)));

        assertThat(limit.limit()).isEqualTo(18);
    }

    @Test
    void a_latency_within_twice_the_usual_is_no_signal() {
        EndpointLimit limit = new EndpointLimit(20);
        for (int i = 0; i < 20; i++) {
            attempt(limit, answered(200, Duration.ofMillis(20)));
        }

        attempt(limit, answered(200, Duration.ofMillis(39)));

        assertThat(limit.limit()).isEqualTo(20);
    }

    @Test
    void a_maximum_below_one_is_refused() {
        assertThatThrownBy(() -> new EndpointLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
