package org.agenthooks.domain.event;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"k", "order-42/retry#1", "!~", "{\"quoted\"}"})
    void printable_ascii_without_spaces_makes_a_key(String value) {
        assertThat(new IdempotencyKey(value)).hasToString(value);
    }

    @Test
    void every_printable_ascii_character_but_space_is_allowed() {
        StringBuilder all = new StringBuilder();
        for (char c = 0x21; c <= 0x7e; c++) {
            all.append(c);
        }

        assertThat(new IdempotencyKey(all.toString()).value()).hasSize(94);
    }

    @Test
    void a_key_may_be_128_characters_but_not_129() {
        assertThat(new IdempotencyKey("k".repeat(128)).value()).hasSize(128);
        rejected("id", () -> new IdempotencyKey("k".repeat(129)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"two words", " ", "tab\there", "line\n", "del\u007f", "caf\u00e9"})
    void anything_else_is_rejected_on_the_id_field(String value) {
        assertThat(rejected("id", () -> new IdempotencyKey(value))).contains("printable ASCII");
    }
}
