package org.agenthooks.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttemptResultTest {

    private static AttemptResult status(int code) {
        return AttemptResult.answered(code, Optional.empty(), Duration.ofMillis(10), "");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void any_2xx_answer_is_a_success(int code) {
        assertThat(status(code).succeeded()).isTrue();
        assertThat(status(code).gone()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 199, 300, 301, 304, 400, 404, 409, 411, 429, 500, 503})
    void any_other_answer_is_no_success(int code) {
        assertThat(status(code).succeeded()).isFalse();
    }

    @Test
    void only_410_is_gone() {
        assertThat(status(410).gone()).isTrue();
        assertThat(status(410).succeeded()).isFalse();
        assertThat(status(404).gone()).isFalse();
        assertThat(status(409).gone()).isFalse();
        assertThat(status(411).gone()).isFalse();
        assertThat(status(400).gone()).isFalse();
    }

    @Test
    void an_unreachable_receiver_is_neither_success_nor_gone_and_has_no_status_code() {
        AttemptResult refused = AttemptResult.unreachable("connection refused", Duration.ofMillis(2));

        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.gone()).isFalse();
        assertThat(refused.statusCode()).isEmpty();
        assertThat(refused.error()).contains("connection refused");
        assertThat(refused.retryAfter()).isEmpty();
        assertThat(refused.responseExcerpt()).isEmpty();
        assertThat(refused.took()).isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void an_answer_keeps_its_status_retry_after_time_and_excerpt_and_has_no_error() {
        AttemptResult busy =
                AttemptResult.answered(503, Optional.of(Duration.ofSeconds(30)), Duration.ofMillis(40), "try later");

        assertThat(busy.statusCode()).contains(503);
        assertThat(busy.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(busy.took()).isEqualTo(Duration.ofMillis(40));
        assertThat(busy.responseExcerpt()).isEqualTo("try later");
        assertThat(busy.error()).isEmpty();
    }

    @Test
    void every_part_is_required() {
        assertThatThrownBy(() -> AttemptResult.answered(200, null, Duration.ZERO, ""))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AttemptResult.answered(200, Optional.empty(), null, ""))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AttemptResult.answered(200, Optional.empty(), Duration.ZERO, null))
                .isInstanceOf(NullPointerException.class);
    }
}
