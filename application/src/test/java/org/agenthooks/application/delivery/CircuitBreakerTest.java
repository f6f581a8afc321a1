package org.agenthooks.application.delivery;

import static org.agenthooks.application.testing.Fixtures.START;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.agenthooks.application.port.in.EndpointState;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.delivery.AttemptResult;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final AttemptResult NO_ANSWER = AttemptResult.unreachable("timed out", Duration.ofSeconds(10));
    private static final AttemptResult SERVER_ERROR =
            AttemptResult.answered(500, Optional.empty(), Duration.ofMillis(3), "");
    private static final AttemptResult OK = AttemptResult.answered(200, Optional.empty(), Duration.ofMillis(3), "");

    private final TestClock clock = new TestClock(START);
    private final CircuitBreaker breaker = new CircuitBreaker();

    private void failTimes(int times) {
        for (int i = 0; i < times; i++) {
            breaker.record(NO_ANSWER, clock.instant());
        }
    }

    @Test
    void it_stays_closed_below_the_failures_in_a_row_that_open_it() {
        failTimes(CircuitBreaker.FAILURES_TO_OPEN - 1);

        assertThat(breaker.state()).isEqualTo(EndpointState.CLOSED);
        assertThat(breaker.admit(clock.instant())).isEmpty();
    }

    @Test
    void an_answer_resets_the_failures_in_a_row_even_a_server_error() {
        failTimes(CircuitBreaker.FAILURES_TO_OPEN - 1);
        breaker.record(SERVER_ERROR, clock.instant());
        failTimes(CircuitBreaker.FAILURES_TO_OPEN - 1);

        assertThat(breaker.state()).isEqualTo(EndpointState.CLOSED);
    }

    @Test
    void consecutive_failures_open_it_until_the_first_probe_is_due() {
        failTimes(CircuitBreaker.FAILURES_TO_OPEN - 1);

        assertThat(breaker.record(NO_ANSWER, clock.instant())).isTrue();

        assertThat(breaker.state()).isEqualTo(EndpointState.OPEN);
        assertThat(breaker.admit(clock.instant())).contains(START.plus(CircuitBreaker.FIRST_OPENING));
        assertThat(breaker.record(NO_ANSWER, clock.instant())).as("opens once").isFalse();
    }

    @Test
    void once_due_it_lets_exactly_one_probe_through() {
        failTimes(CircuitBreaker.FAILURES_TO_OPEN);
        clock.advance(CircuitBreaker.FIRST_OPENING);

        assertThat(breaker.admit(clock.instant())).isEmpty();
        assertThat(breaker.state()).isEqualTo(EndpointState.HALF_OPEN);
        assertThat(breaker.admit(clock.instant())).isPresent();
        assertThat(breaker.admit(clock.instant())).isPresent();
    }

    @Test
    void an_answered_probe_closes_it() {
        failTimes(CircuitBreaker.FAILURES_TO_OPEN);
        clock.advance(CircuitBreaker.FIRST_OPENING);
        breaker.admit(clock.instant());

        breaker.record(OK, clock.instant());

        assertThat(breaker.state()).isEqualTo(EndpointState.CLOSED);
        assertThat(breaker.admit(clock.instant())).isEmpty();
    }

    @Test
    void a_failed_probe_opens_it_again_for_twice_as_long_up_to_the_longest() {
        failTimes(CircuitBreaker.FAILURES_TO_OPEN);
        Duration opening = CircuitBreaker.FIRST_OPENING;
        for (int i = 0; i < 10; i++) {
            clock.advance(opening);
            assertThat(breaker.admit(clock.instant())).isEmpty();
            assertThat(breaker.record(NO_ANSWER, clock.instant())).isTrue();
            opening = opening.multipliedBy(2).compareTo(CircuitBreaker.LONGEST_OPENING) < 0
                    ? opening.multipliedBy(2)
                    : CircuitBreaker.LONGEST_OPENING;
            assertThat(breaker.admit(clock.instant())).contains(clock.instant().plus(opening));
        }
        assertThat(opening).isEqualTo(CircuitBreaker.LONGEST_OPENING);
    }

    @Test
    void a_lost_probe_lets_the_next_caller_probe_at_once() {
        failTimes(CircuitBreaker.FAILURES_TO_OPEN);
        clock.advance(CircuitBreaker.FIRST_OPENING);
        breaker.admit(clock.instant());

        breaker.probeLost(clock.instant());

        assertThat(breaker.admit(clock.instant())).isEmpty();
        assertThat(breaker.state()).isEqualTo(EndpointState.HALF_OPEN);
    }
}
