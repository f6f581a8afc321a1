package org.agenthooks.domain.event;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventDataTest {

    /** A JSON object of exactly {@code bytes} UTF-8 bytes. */
    private static String objectOfBytes(int bytes) {
        String open = "{\"p\":\"";
        String close = "\"}";
        return open + "x".repeat(bytes - open.length() - close.length()) + close;
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"a\":1}", "{\"nested\":{\"list\":[1,2]}}"})
    void a_json_object_is_event_data(String json) {
        assertThat(new EventData(json).json()).isEqualTo(json);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"[]", "\"text\"", "42", "null", "{", "}", " {}", "{} ", "[{}]"})
    void anything_but_an_object_is_rejected_as_data(String json) {
        assertThat(rejected("data", () -> new EventData(json))).isEqualTo("must be a JSON object");
    }

    @Test
    void data_may_be_256_kib_but_not_a_byte_more() {
        assertThat(new EventData(objectOfBytes(EventData.MAX_BYTES)).json()).hasSize(256 * 1024);
        assertThat(rejected("data", () -> new EventData(objectOfBytes(EventData.MAX_BYTES + 1))))
                .contains("256 KiB");
    }

    @Test
    void the_limit_counts_utf_8_bytes_not_characters() {
        String open = "{\"p\":\"";
        String close = "\"}";
        int twoByteChars = (EventData.MAX_BYTES - open.length() - close.length()) / 2 + 1;
        String json = open + "\u00e9".repeat(twoByteChars) + close;

        assertThat(json.length()).isLessThan(EventData.MAX_BYTES);
        rejected("data", () -> new EventData(json));
    }
}
