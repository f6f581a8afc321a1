package org.agenthooks.domain.workspace;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyTokenTest {
    private static final String SECRET_PART = "s3cretPartOfTheKey0123456789abcdefghijKL";
    private static final String PRESENTED = "key_C6HL3Goru7Q." + SECRET_PART;

    @Test
    void a_presented_key_of_the_key_shape_is_read_into_its_id_and_secret_part() {
        ApiKeyToken token = ApiKeyToken.parse(PRESENTED).orElseThrow();

        assertThat(token.id()).isEqualTo(new ApiKeyId("C6HL3Goru7Q"));
        assertThat(token.secretPart()).isEqualTo(SECRET_PART);
    }

    @Test
    void the_secret_part_may_be_16_to_128_visible_ascii_characters() {
        assertThat(ApiKeyToken.parse("key_C6HL3Goru7Q." + "a".repeat(16))).isPresent();
        assertThat(ApiKeyToken.parse("key_C6HL3Goru7Q." + "a".repeat(128))).isPresent();
        assertThat(ApiKeyToken.parse("key_C6HL3Goru7Q." + "!~.-_+/=abcdefghij")).isPresent();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "C6HL3Goru7Q.s3cretPartOfTheKey0123", // no prefix
                "Bearer key_C6HL3Goru7Q.s3cretPartOfTheKey", // header scheme left in
                "KEY_C6HL3Goru7Q.s3cretPartOfTheKey0123", // prefix is case-sensitive
                "key_C6HL3Goru7Q", // no secret part
                "key_C6HL3Goru7Q.", // empty secret part
                "key_C6HL3Goru7Q.tooShortSecret1", // 15 characters
                "key_C6HL3Goru7.s3cretPartOfTheKey0123", // 10-character id
                "key_C6HL3Goru7QQ.s3cretPartOfTheKey0123", // 12-character id
                "key_C6HL3Go-u7Q.s3cretPartOfTheKey0123", // id not base62
                "key_C6HL3Goru7Q.s3cret PartOfTheKey0123", // space in the secret part
                "key_C6HL3Goru7Q.s3cretPartOfTheKey0123\n", // trailing newline
                "key_C6HL3Goru7Q.s3cretPartOfTheKéy0123", // not ASCII
            })
    void anything_not_of_the_key_shape_is_not_a_key(String presented) {
        assertThat(ApiKeyToken.parse(presented)).isEmpty();
    }

    @Test
    void a_secret_part_longer_than_128_characters_is_not_a_key() {
        assertThat(ApiKeyToken.parse("key_C6HL3Goru7Q." + "a".repeat(129))).isEmpty();
    }

    @Test
    void a_token_cannot_be_built_with_a_bad_secret_part() {
        rejected("apiKey", () -> new ApiKeyToken(new ApiKeyId("C6HL3Goru7Q"), "short"));
        rejected("apiKey", () -> new ApiKeyToken(new ApiKeyId("C6HL3Goru7Q"), null));
        rejected("apiKey", () -> new ApiKeyToken(null, SECRET_PART));
    }

    @Test
    void a_revealed_key_reads_back_as_the_same_key() {
        ApiKeyToken issued = ApiKeyToken.issue();

        Optional<ApiKeyToken> readBack = ApiKeyToken.parse(issued.reveal());

        assertThat(readBack).contains(issued);
    }

    @Test
    void an_issued_key_is_key_underscore_eleven_characters_a_dot_and_forty_characters() {
        assertThat(ApiKeyToken.issue().reveal()).matches("key_[0-9A-Za-z]{11}\\.[0-9A-Za-z]{40}");
    }

    @Test
    void issued_keys_differ_in_id_and_secret_part() {
        ApiKeyToken one = ApiKeyToken.issue();
        ApiKeyToken two = ApiKeyToken.issue();

        assertThat(one.id()).isNotEqualTo(two.id());
        assertThat(one.secretPart()).isNotEqualTo(two.secretPart());
    }

    @Test
    void its_text_form_shows_the_public_id_but_never_the_secret_part() {
        ApiKeyToken token = ApiKeyToken.parse(PRESENTED).orElseThrow();

        assertThat(token.toString()).isEqualTo("key_C6HL3Goru7Q.****").doesNotContain(SECRET_PART);
        assertThat(String.valueOf(List.of(token))).doesNotContain(SECRET_PART);
        assertThat("key: " + ApiKeyToken.issue()).doesNotContainPattern("\\.[0-9A-Za-z]{40}");
    }

    @Test
    void only_a_sha256_hash_of_the_secret_part_is_kept() throws Exception {
        ApiKeyToken token = ApiKeyToken.parse(PRESENTED).orElseThrow();
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(SECRET_PART.getBytes(StandardCharsets.UTF_8));

        assertThat(token.secretHash()).hasSize(32).isEqualTo(expected);
        assertThat(new String(token.secretHash(), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET_PART);
    }

    @Test
    void a_key_matches_the_hash_of_its_own_secret_part() {
        ApiKeyToken token = ApiKeyToken.issue();

        assertThat(token.matches(token.secretHash())).isTrue();
    }

    @Test
    void a_key_does_not_match_another_hash() {
        ApiKeyToken token = ApiKeyToken.parse(PRESENTED).orElseThrow();
        ApiKeyToken sameIdOtherSecret =
                ApiKeyToken.parse("key_C6HL3Goru7Q." + "x".repeat(40)).orElseThrow();
        byte[] oneBitOff = token.secretHash();
        oneBitOff[31] ^= 1;

        assertThat(token.matches(sameIdOtherSecret.secretHash())).isFalse();
        assertThat(token.matches(oneBitOff)).isFalse();
        assertThat(token.matches(new byte[0])).isFalse();
        assertThat(token.matches(SECRET_PART.getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
