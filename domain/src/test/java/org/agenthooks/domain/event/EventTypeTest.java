package org.agenthooks.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
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
    @ValueSource(strings = {"CONVERSATION_STARTED", "Conversation_Started", "conversation_started ",
            "conversation.started", "conversation_analyzed", "webhook_test"})
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
        assertThat(EventType.subscribableTypes()).containsExactly(EventType.CONVERSATION_STARTED,
                EventType.CONVERSATION_ENDED, EventType.CONVERSATION_ANALYSED);
        assertThat(EventType.WEBHOOK_TEST.subscribable()).isFalse();
    }

    @Test
    void the_subscribable_names_read_as_a_list_in_catalog_order() {
        assertThat(EventType.subscribableNames())
                .isEqualTo("conversation_started, conversation_ended, conversation_analysed");
    }
}
