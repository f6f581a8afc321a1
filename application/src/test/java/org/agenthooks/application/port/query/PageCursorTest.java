package org.agenthooks.application.port.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.agenthooks.domain.shared.FieldError;
import org.agenthooks.domain.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {

    private static String encoded(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertNotACursor(String text) {
        assertThatThrownBy(() -> PageCursor.decode(text))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("cursor"));
    }

    @Test
    void a_cursor_reads_back_as_it_was_written() {
        PageCursor cursor = new PageCursor(Instant.parse("2025-03-01T10:15:30.123456Z"), "wh_0123456789abcDEF");

        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void a_cursor_before_1970_reads_back_too() {
        PageCursor cursor = new PageCursor(Instant.parse("1969-12-31T23:59:59.999999Z"), "wh_0123456789abcDEF");

        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void a_cursor_keeps_microseconds_the_precision_times_are_stored_with() {
        PageCursor cursor = new PageCursor(Instant.parse("2025-03-01T10:15:30.123456789Z"), "wh_0123456789abcDEF");

        assertThat(PageCursor.decode(cursor.encode()).createdAt())
                .isEqualTo(Instant.parse("2025-03-01T10:15:30.123456Z"));
    }

    @Test
    void an_encoded_cursor_is_url_safe_and_does_not_show_the_id_in_plain_text() {
        String text = new PageCursor(Instant.parse("2025-03-01T10:15:30Z"), "wh_0123456789abcDEF").encode();

        assertThat(text).matches("[A-Za-z0-9_-]+").doesNotContain("wh_0123456789abcDEF");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"not a cursor!", "%%%", "====", "abc*def"})
    void garbage_is_not_a_cursor(String text) {
        assertNotACursor(text);
    }

    @Test
    void well_encoded_text_of_the_wrong_shape_is_not_a_cursor() {
        assertNotACursor(encoded("no colon here"));
        assertNotACursor(encoded("notANumber:wh_0123456789abcDEF"));
        assertNotACursor(encoded("1740823200000000:"));
        assertNotACursor(encoded("1740823200000000:wh_01 23"));
        assertNotACursor(encoded("1740823200000000:wh_0123'; DROP TABLE webhooks;--"));
        assertNotACursor(encoded("1740823200000000:" + "a".repeat(65)));
        assertNotACursor(encoded("99999999999999999999:wh_0123456789abcDEF"));
    }

    @Test
    void an_id_of_64_characters_is_still_a_cursor() {
        PageCursor decoded = PageCursor.decode(encoded("1740823200000000:" + "a".repeat(64)));

        assertThat(decoded.id()).hasSize(64);
        assertThat(decoded.createdAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
    }
}
