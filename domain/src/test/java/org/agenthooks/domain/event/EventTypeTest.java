package org.agenthooks.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.agenthooks.domain.shared.FieldError;
import org.agenthooks.domain.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypeTest {

    @Test
    void the_catalog_has_these_wire_names() {
        assertThat(EventType.CONVERSATION_STARTED.wireName()).isEqualTo("conversation_started");
        assertThat(EventType.CONVERSATION_ENDED.wireName()).isEqualTo("conversation_ended");
        assertThat(EventType.CONVERSATION_ANALYSED.wireName()).isEqualTo("conversation_analysed");
        assertThat(EventType.WEBHOOK_TEST.wireName()).isEqualTo("webhook.test");
        assertThat(EventType.values()).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void every_type_is_found_by_its_wire_name(EventType type) {
        assertThat(EventType.fromWireName(type.wireName())).contains(type);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "CONVERSATION_STARTED",
                "Conversation_Started",
                "conversation_started ",
                "conversation.started",
                "conversation_analyzed",
                "webhook_test"
            })
    void no_type_is_found_for_any_other_name(String name) {
        assertThat(EventType.fromWireName(name)).isEmpty();
    }

    @Test
    void wire_names_are_unique() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::wireName)).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void every_type_is_described(EventType type) {
        assertThat(type.description()).isNotBlank();
    }

    @Test
    void only_the_conversation_events_are_subscribable() {
        assertThat(EventType.subscribableTypes())
                .containsExactly(
                        EventType.CONVERSATION_STARTED, EventType.CONVERSATION_ENDED, EventType.CONVERSATION_ANALYSED);
        assertThat(EventType.WEBHOOK_TEST.subscribable()).isFalse();
    }

    @Test
    void the_subscribable_names_read_as_a_list_in_catalog_order() {
        assertThat(EventType.subscribableNames())
                .isEqualTo("conversation_started, conversation_ended, conversation_analysed");
    }

    @Test
    void a_subscribable_name_is_its_type() {
        assertThat(EventType.subscribable("type", "conversation_ended")).isEqualTo(EventType.CONVERSATION_ENDED);
    }

    @Test
    void a_name_that_is_not_subscribable_is_a_field_error_listing_the_allowed_names() {
        for (String name : List.of("webhook.test", "call_started", "")) {
            assertThatThrownBy(() -> EventType.subscribable("events", name))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.errors())
                                    .containsExactly(
                                            new FieldError(
                                                    "events",
                                                    "'" + name + "' is not an event type; allowed: "
                                                            + "conversation_started, conversation_ended, conversation_analysed")));
        }
    }

    @Test
    void a_long_unknown_name_is_shown_cut() {
        assertThatThrownBy(() -> EventType.subscribable("type", "x".repeat(10_000)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().getFirst().message())
                                .startsWith("'" + "x".repeat(64) + "...'")
                                .hasSizeLessThan(200));
    }
}
