package org.agenthooks.domain.event;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ConversationIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"c", "conv-42", "call_2025.03.01:17", "A-z_0.9:"})
    void letters_digits_underscore_dash_dot_and_colon_make_a_conversation_id(String value) {
        assertThat(new ConversationId(value)).hasToString(value);
    }

    @Test
    void a_conversation_id_may_be_128_characters_but_not_129() {
        assertThat(new ConversationId("c".repeat(128)).value()).hasSize(128);
        rejected("conversationId", () -> new ConversationId("c".repeat(129)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"conv 42", "conv\"42", "conv\\42", "conv/42", "conv\n", "gespr\u00e4ch", "a#b"})
    void anything_else_is_rejected_as_conversation_id(String value) {
        assertThat(rejected("conversationId", () -> new ConversationId(value))).contains("1 to 128");
    }
}
