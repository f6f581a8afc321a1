package org.agenthooks.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SharedTest {

    @Test
    void stored_instants_are_cut_to_microseconds() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:15:30.123456789Z"), ZoneOffset.UTC);

        assertThat(Timestamps.now(clock)).isEqualTo(Instant.parse("2025-03-01T10:15:30.123456Z"));
    }

    @Test
    void base62_random_text_has_the_asked_length_and_only_letters_and_digits() {
        String text = Base62.random(500);

        assertThat(text).hasSize(500).matches("[0-9A-Za-z]+");
        assertThat(Base62.isBase62(text)).isTrue();
    }

    @Test
    void base62_random_characters_are_uniform_over_the_alphabet() {
        String text = Base62.random(62 * 2_000);
        Map<Character, Long> counts =
                text.chars().mapToObj(c -> (char) c).collect(Collectors.groupingBy(c -> c, Collectors.counting()));

        // 2,000 expected each (standard deviation about 44); taking byte % 62 without redrawing would give the
        // first eight characters 2,500.
        assertThat(counts)
                .hasSize(62)
                .allSatisfy((c, count) -> assertThat(count).isBetween(1_700L, 2_300L));
    }

    @Test
    void base62_random_texts_differ() {
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            texts.add(Base62.random(16));
        }
        assertThat(texts).hasSize(100);
    }

    @Test
    void time_ordered_ids_sort_as_text_in_the_order_of_their_times() {
        long lastEightDigitTime = 62L * 62 * 62 * 62 * 62 * 62 * 62 * 62 - 1;
        long[] times = {0L, 61L, 62L, 1_700_000_000_000L, 1_700_000_000_001L, 1_800_000_000_000L, lastEightDigitTime};
        List<String> ids = new ArrayList<>();
        for (long time : times) {
            ids.add(Base62.timeOrdered(time, 22));
        }

        assertThat(ids).isSorted().allSatisfy(id -> assertThat(id).hasSize(22).matches("[0-9A-Za-z]+"));
        assertThat(ids.get(0)).startsWith("00000000");
        assertThat(ids.get(2)).startsWith("00000010");
    }

    @Test
    void time_ordered_ids_of_one_millisecond_still_differ() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ids.add(Base62.timeOrdered(1_700_000_000_000L, 22));
        }
        assertThat(ids).hasSize(100);
    }

    @Test
    void a_time_ordered_id_needs_room_for_randomness_and_a_time_after_1970() {
        assertThatThrownBy(() -> Base62.timeOrdered(1L, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base62.timeOrdered(-1L, 22)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void base62_rejects_any_other_character() {
        assertThat(Base62.isBase62("abc_def")).isFalse();
        assertThat(Base62.isBase62("abc-def")).isFalse();
        assertThat(Base62.isBase62("abcé")).isFalse();
    }

    @Test
    void a_prefixed_text_needs_the_prefix_and_exactly_the_length() {
        assertThat(Base62.isPrefixed("wh_0123456789abcdef", "wh_", 16)).isTrue();
        assertThat(Base62.isPrefixed("wh_0123456789abcde", "wh_", 16)).isFalse();
        assertThat(Base62.isPrefixed("xx_0123456789abcdef", "wh_", 16)).isFalse();
        assertThat(Base62.isPrefixed(null, "wh_", 16)).isFalse();
    }

    @Test
    void an_invalid_input_names_its_first_field_in_its_message_and_keeps_every_error() {
        InvalidInputException e = new InvalidInputException(
                List.of(new FieldError("url", "must not be blank"), new FieldError("name", "must not be blank")));

        assertThat(e.getMessage()).isEqualTo("url: must not be blank");
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("url", "name");
    }

    @Test
    void an_invalid_input_needs_at_least_one_field_error() {
        assertThatThrownBy(() -> new InvalidInputException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void not_found_carries_the_resource_and_the_id() {
        NotFoundException e = new NotFoundException("webhook", "wh_0123456789abcdef");

        assertThat(e.resource()).isEqualTo("webhook");
        assertThat(e.id()).isEqualTo("wh_0123456789abcdef");
        assertThat(e.getMessage()).isEqualTo("webhook wh_0123456789abcdef not found");
    }
}
