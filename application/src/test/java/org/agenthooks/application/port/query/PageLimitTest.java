package org.agenthooks.application.port.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.agenthooks.domain.shared.FieldError;
import org.agenthooks.domain.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageLimitTest {

    @Test
    void a_page_holds_20_unless_asked() {
        assertThat(PageLimit.DEFAULT.value()).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 100})
    void a_page_may_hold_1_to_100(int value) {
        assertThat(new PageLimit(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, Integer.MAX_VALUE})
    void any_other_limit_is_rejected(int value) {
        assertThatThrownBy(() -> new PageLimit(value))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("limit"));
    }
}
