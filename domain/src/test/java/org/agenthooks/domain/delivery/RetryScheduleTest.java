package org.agenthooks.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryScheduleTest {
    private static final DoubleSupplier NO_JITTER = () -> 0.0;
    private static final DoubleSupplier HALF_JITTER = () -> 0.5;
    private static final DoubleSupplier MOST_JITTER = () -> Math.nextDown(1.0);
    private static final RetrySchedule FIVE_MINUTES =
            new RetrySchedule(List.of(Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(5)), 0.1);

    private static Duration waitAfter(
            RetrySchedule schedule, int failed, Optional<Duration> retryAfter, DoubleSupplier random) {
        return schedule.waitAfter(failed, retryAfter, random).orElseThrow();
    }

    @Test
    void the_standard_schedule_is_at_once_then_5s_5m_30m_2h_5h_10h_and_10h() {
        assertThat(RetrySchedule.STANDARD.waits())
                .containsExactly(
                        Duration.ZERO,
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(30),
                        Duration.ofHours(2),
                        Duration.ofHours(5),
                        Duration.ofHours(10),
                        Duration.ofHours(10));
        assertThat(RetrySchedule.STANDARD.maxAttempts()).isEqualTo(8);
        assertThat(RetrySchedule.STANDARD.jitter()).isEqualTo(0.1);
    }

    @Test
    void without_jitter_the_wait_after_n_failures_is_the_nth_wait() {
        List<Duration> picked = new ArrayList<>();
        for (int failed = 0; failed < 8; failed++) {
            picked.add(waitAfter(RetrySchedule.STANDARD, failed, Optional.empty(), NO_JITTER));
        }

        assertThat(picked).isEqualTo(RetrySchedule.STANDARD.waits());
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 100})
    void once_every_attempt_has_failed_there_is_no_next_wait(int failed) {
        assertThat(RetrySchedule.STANDARD.waitAfter(failed, Optional.empty(), NO_JITTER))
                .isEmpty();
        assertThat(RetrySchedule.STANDARD.waitAfter(failed, Optional.of(Duration.ofSeconds(1)), NO_JITTER))
                .isEmpty();
    }

    @Test
    void a_one_wait_schedule_allows_one_attempt_and_no_retry() {
        RetrySchedule once = new RetrySchedule(List.of(Duration.ZERO), 0);

        assertThat(once.maxAttempts()).isEqualTo(1);
        assertThat(once.waitAfter(1, Optional.empty(), NO_JITTER)).isEmpty();
    }

    @Test
    void jitter_stretches_the_wait_by_the_random_fraction_of_the_jitter() {
        assertThat(waitAfter(FIVE_MINUTES, 1, Optional.empty(), HALF_JITTER))
                .isEqualTo(Duration.ofMinutes(5).plusSeconds(15));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.01, 0.25, 0.5, 0.75, 0.999999})
    void jitter_only_ever_stretches_and_by_at_most_the_jitter_fraction(double random) {
        for (int failed = 1; failed < 8; failed++) {
            Duration scheduled = RetrySchedule.STANDARD.waits().get(failed);

            Duration wait = waitAfter(RetrySchedule.STANDARD, failed, Optional.empty(), () -> random);

            assertThat(wait).isBetween(scheduled, scheduled.plusMillis(scheduled.toMillis() / 10));
        }
    }

    @Test
    void the_largest_jitter_stays_within_the_fraction() {
        Duration wait = waitAfter(RetrySchedule.STANDARD, 7, Optional.empty(), MOST_JITTER);

        assertThat(wait).isGreaterThan(Duration.ofHours(10).plusMinutes(59)).isLessThanOrEqualTo(Duration.ofHours(11));
    }

    @Test
    void a_zero_jitter_schedule_ignores_the_random_source() {
        RetrySchedule exact = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(30)), 0);

        assertThat(waitAfter(exact, 1, Optional.empty(), MOST_JITTER)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_retry_after_between_the_wait_and_twice_it_is_honoured() {
        assertThat(waitAfter(FIVE_MINUTES, 1, Optional.of(Duration.ofMinutes(7)), NO_JITTER))
                .isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void a_retry_after_of_exactly_twice_the_wait_is_honoured() {
        assertThat(waitAfter(FIVE_MINUTES, 1, Optional.of(Duration.ofMinutes(10)), NO_JITTER))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void a_retry_after_longer_than_twice_the_wait_is_cut_to_twice_the_wait() {
        assertThat(waitAfter(FIVE_MINUTES, 1, Optional.of(Duration.ofDays(3)), NO_JITTER))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(waitAfter(FIVE_MINUTES, 1, Optional.of(Duration.ofDays(3)), MOST_JITTER))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void a_retry_after_shorter_than_the_wait_does_not_shorten_it() {
        assertThat(waitAfter(FIVE_MINUTES, 1, Optional.of(Duration.ofSeconds(1)), NO_JITTER))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(waitAfter(FIVE_MINUTES, 1, Optional.of(Duration.ZERO), HALF_JITTER))
                .isEqualTo(Duration.ofMinutes(5).plusSeconds(15));
    }

    @Test
    void a_retry_after_shorter_than_the_jittered_wait_leaves_the_jittered_wait() {
        assertThat(waitAfter(FIVE_MINUTES, 1, Optional.of(Duration.ofMinutes(5).plusSeconds(10)), HALF_JITTER))
                .isEqualTo(Duration.ofMinutes(5).plusSeconds(15));
    }

    @Test
    void a_schedule_needs_at_least_one_wait_and_none_negative() {
        assertThatThrownBy(() -> new RetrySchedule(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(-1)), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, 2})
    void jitter_must_be_a_fraction_from_0_to_1(double jitter) {
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ZERO), jitter))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jitter_of_0_and_of_1_are_allowed() {
        assertThat(new RetrySchedule(List.of(Duration.ZERO), 0).jitter()).isZero();
        assertThat(new RetrySchedule(List.of(Duration.ZERO), 1).jitter()).isEqualTo(1);
    }

    @Test
    void the_schedule_keeps_its_own_copy_of_the_waits() {
        List<Duration> waits = new ArrayList<>(List.of(Duration.ZERO, Duration.ofSeconds(5)));
        RetrySchedule schedule = new RetrySchedule(waits, 0);

        waits.add(Duration.ofHours(1));

        assertThat(schedule.maxAttempts()).isEqualTo(2);
        assertThatThrownBy(() -> schedule.waits().add(Duration.ZERO)).isInstanceOf(UnsupportedOperationException.class);
    }
}
