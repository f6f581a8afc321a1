package org.agenthooks.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

    @Test
    void delta_seconds_are_the_wait() {
        assertThat(RetryAfter.parse("7", NOW)).hasValue(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 120 ", NOW)).hasValue(Duration.ofMinutes(2));
    }

    @Test
    void an_http_date_is_counted_from_now() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:30:30 GMT", NOW)).hasValue(Duration.ofSeconds(150));
    }

    @Test
    void a_date_in_the_past_means_no_wait() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).hasValue(Duration.ZERO);
    }

    @Test
    void anything_else_is_ignored() {
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
    }
}
