package org.agenthooks.domain.webhook;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookNameTest {
    private static final String EMOJI = "\uD83D\uDE80"; // one code point, two chars

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t", "\n \r"})
    void a_blank_name_is_rejected(String value) {
        assertThat(rejected("name", () -> new WebhookName(value))).isEqualTo("must not be blank");
    }

    @Test
    void a_name_of_one_character_is_accepted() {
        assertThat(new WebhookName("x")).hasToString("x");
    }

    @Test
    void a_name_of_100_characters_is_accepted_but_101_are_not() {
        assertThat(new WebhookName("a".repeat(100)).value()).hasSize(100);
        assertThat(rejected("name", () -> new WebhookName("a".repeat(101)))).contains("100");
    }

    @Test
    void length_is_counted_in_code_points_not_utf16_chars() {
        String hundredRockets = EMOJI.repeat(100);

        assertThat(hundredRockets).hasSize(200);
        assertThat(new WebhookName(hundredRockets).value()).isEqualTo(hundredRockets);
        rejected("name", () -> new WebhookName(EMOJI.repeat(101)));
        rejected("name", () -> new WebhookName(EMOJI.repeat(99) + "ab"));
    }

    @Test
    void surrounding_white_space_is_kept_as_given() {
        assertThat(new WebhookName(" CRM sync ").value()).isEqualTo(" CRM sync ");
    }
}
