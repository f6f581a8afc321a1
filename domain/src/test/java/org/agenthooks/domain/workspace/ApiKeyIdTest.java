package org.agenthooks.domain.workspace;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyIdTest {

    @Test
    void eleven_letters_or_digits_are_a_key_id() {
        assertThat(new ApiKeyId("C6HL3Goru7Q")).hasToString("C6HL3Goru7Q");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"C6HL3Goru7", "C6HL3Goru7QQ", "C6HL3Go_u7Q", "C6HL3Go-u7Q", "C6HL3Go.u7Q", "C6HL3Goru7é"})
    void anything_else_is_rejected_as_key_id(String value) {
        rejected("keyId", () -> new ApiKeyId(value));
    }

    @Test
    void random_key_ids_are_well_formed_and_differ() {
        ApiKeyId one = ApiKeyId.random();

        assertThat(one.value()).matches("[0-9A-Za-z]{11}");
        assertThat(one).isNotEqualTo(ApiKeyId.random());
    }
}
