package org.agenthooks.domain.webhook;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTest {
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static String whsecOfBytes(int count) {
        byte[] key = new byte[count];
        for (int i = 0; i < count; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    @Test
    void a_secret_may_be_8_to_256_characters() {
        assertThat(Secret.of("a".repeat(8)).reveal()).hasSize(8);
        assertThat(Secret.of("a".repeat(256)).reveal()).hasSize(256);
    }

    @Test
    void a_secret_shorter_than_8_or_longer_than_256_characters_is_rejected() {
        assertThat(rejected("secret", () -> Secret.of("a".repeat(7)))).isEqualTo("must be 8 to 256 characters");
        rejected("secret", () -> Secret.of("a".repeat(257)));
        rejected("secret", () -> Secret.of(""));
        rejected("secret", () -> Secret.of(null));
    }

    @Test
    void every_printable_ascii_character_is_allowed() {
        StringBuilder printable = new StringBuilder();
        for (char c = 0x20; c <= 0x7e; c++) {
            printable.append(c);
        }
        assertThat(Secret.of(printable.toString()).reveal()).isEqualTo(printable.toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "secret\nvalue",
                "secret\tvalue",
                "secret\u007fvalue",
                "sécret-value",
                "secret\u0000value",
                "secret-\uD83D\uDE80-value"
            })
    void control_and_non_ascii_characters_are_rejected(String value) {
        assertThat(rejected("secret", () -> Secret.of(value))).contains("printable ASCII");
    }

    @Test
    void a_whsec_secret_must_be_followed_by_base64() {
        assertThat(rejected("secret", () -> Secret.of("whsec_not*base64!at-all")))
                .contains("base64");
        rejected("secret", () -> Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La-aSw"));
    }

    @Test
    void a_whsec_secret_must_decode_to_24_to_64_bytes() {
        assertThat(Secret.of(whsecOfBytes(24)).signingKey()).hasSize(24);
        assertThat(Secret.of(whsecOfBytes(64)).signingKey()).hasSize(64);
        assertThat(rejected("secret", () -> Secret.of(whsecOfBytes(23)))).contains("24 to 64 bytes");
        rejected("secret", () -> Secret.of(whsecOfBytes(65)));
        rejected("secret", () -> Secret.of("whsec_"));
    }

    @Test
    void the_specification_example_secret_is_accepted() {
        assertThat(Secret.of(SPEC_SECRET).reveal()).isEqualTo(SPEC_SECRET);
    }

    @Test
    void a_generated_secret_is_whsec_and_the_base64_of_32_bytes() {
        Secret secret = Secret.generate();

        assertThat(secret.reveal()).startsWith("whsec_");
        byte[] decoded = Base64.getDecoder().decode(secret.reveal().substring("whsec_".length()));
        assertThat(decoded).hasSize(32);
        assertThat(secret.signingKey()).isEqualTo(decoded);
    }

    @Test
    void a_generated_secret_passes_its_own_rules_and_reads_back_equal() {
        Secret generated = Secret.generate();

        assertThat(Secret.of(generated.reveal())).isEqualTo(generated);
    }

    @Test
    void generated_secrets_differ() {
        assertThat(Secret.generate()).isNotEqualTo(Secret.generate());
    }

    @Test
    void a_whsec_secret_signs_with_its_decoded_bytes() {
        byte[] expected = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(Secret.of(SPEC_SECRET).signingKey()).isEqualTo(expected);
    }

    @Test
    void any_other_secret_signs_with_its_own_bytes() {
        assertThat(Secret.of("my-raw-secret-123").signingKey())
                .isEqualTo("my-raw-secret-123".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void a_secret_that_only_looks_like_base64_without_the_prefix_is_not_decoded() {
        String bare = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

        assertThat(Secret.of(bare).signingKey()).isEqualTo(bare.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void the_mask_shows_the_prefix_and_the_last_4_characters_of_a_long_secret() {
        assertThat(Secret.of(SPEC_SECRET).masked()).isEqualTo("whsec_****LaSw");
        assertThat(Secret.of("0123456789abcdef").masked()).isEqualTo("****cdef");
    }

    @Test
    void the_mask_shows_nothing_of_a_short_secret() {
        assertThat(Secret.of("12345678").masked()).isEqualTo("****");
        assertThat(Secret.of("0123456789abcde").masked()).isEqualTo("****");
    }

    @Test
    void the_mask_and_the_text_form_never_contain_the_whole_secret() {
        List<Secret> secrets = List.of(
                Secret.generate(),
                Secret.of(SPEC_SECRET),
                Secret.of("12345678"),
                Secret.of("0123456789abcdef"),
                Secret.of("x".repeat(256)),
                Secret.of("****" + "****"));
        for (Secret secret : secrets) {
            assertThat(secret.masked()).doesNotContain(secret.reveal());
            assertThat(secret.toString()).isEqualTo(secret.masked()).doesNotContain(secret.reveal());
        }
    }

    @Test
    void the_mask_of_a_generated_secret_hides_its_key_material() {
        Secret secret = Secret.generate();
        String body = secret.reveal().substring("whsec_".length());

        assertThat(secret.masked()).startsWith("whsec_****").hasSize("whsec_****".length() + 4);
        assertThat(secret.masked()).doesNotContain(body.substring(0, 8));
    }

    @Test
    void secrets_are_equal_by_value() {
        assertThat(Secret.of("my-raw-secret-123"))
                .isEqualTo(Secret.of("my-raw-secret-123"))
                .hasSameHashCodeAs(Secret.of("my-raw-secret-123"))
                .isNotEqualTo(Secret.of("my-raw-secret-124"));
    }
}
