package org.agenthooks.domain.event;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventIdTest {

    @Test
    void evt_and_22_letters_or_digits_is_an_event_id() {
        assertThat(new EventId("evt_0123456789abcdefABCDEF")).hasToString("evt_0123456789abcdefABCDEF");
        assertThat(EventId.isWellFormed("evt_0123456789abcdefABCDEF")).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "evt_",
                "evt_0123456789abcdefABCDE",
                "evt_0123456789abcdefABCDEFG",
                "EVT_0123456789abcdefABCDEF",
                "dlv_0123456789abcdefABCDEF",
                "evt_0123456789abcdef_BCDEF",
                "evt_0123456789abcdef BCDEF",
                "evt0123456789abcdefABCDEFG"
            })
    void anything_else_is_rejected_as_event_id(String value) {
        assertThat(EventId.isWellFormed(value)).isFalse();
        assertThat(rejected("eventId", () -> new EventId(value))).contains("'evt_'");
    }

    @Test
    void random_event_ids_are_well_formed_and_differ() {
        EventId one = EventId.random();

        assertThat(one.value()).matches("evt_[0-9A-Za-z]{22}");
        assertThat(one).isNotEqualTo(EventId.random());
    }

    @Test
    void the_lowest_id_of_a_moment_sorts_after_every_id_made_before_it_and_not_after_any_made_since()
            throws InterruptedException {
        EventId before = EventId.random();
        Thread.sleep(2);
        Instant now = Instant.now();
        EventId lowest = EventId.lowestAt(now);
        EventId since = EventId.random();

        assertThat(lowest.value()).matches("evt_[0-9A-Za-z]{8}0{14}");
        assertThat(before.value()).isLessThan(lowest.value());
        assertThat(since.value()).isGreaterThanOrEqualTo(lowest.value());
        assertThat(EventId.lowestAt(now.plusMillis(1)).value()).isGreaterThan(lowest.value());
        assertThat(EventId.lowestAt(Instant.parse("2026-11-27T12:00:00.123999Z")))
                .isEqualTo(EventId.lowestAt(Instant.parse("2026-11-27T12:00:00.123Z")));
    }
}
