package org.agenthooks.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BacklogTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void the_oldest_age_is_the_time_since_the_oldest_was_created_and_zero_when_nothing_waits() {
        assertThat(new Backlog(2, Optional.of(NOW.minusSeconds(90))).oldestAge(NOW))
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(Backlog.EMPTY.oldestAge(NOW)).isZero();
    }

    @Test
    void a_delivery_created_after_now_by_another_clock_is_not_a_negative_age() {
        assertThat(new Backlog(1, Optional.of(NOW.plusMillis(5))).oldestAge(NOW))
                .isZero();
    }

    @Test
    void a_backlog_has_an_oldest_delivery_exactly_when_it_is_not_empty() {
        assertThatThrownBy(() -> new Backlog(0, Optional.of(NOW))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backlog(3, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backlog(-1, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
