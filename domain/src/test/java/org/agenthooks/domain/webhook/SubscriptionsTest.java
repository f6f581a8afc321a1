package org.agenthooks.domain.webhook;

import static org.agenthooks.domain.event.EventType.CONVERSATION_ANALYSED;
import static org.agenthooks.domain.event.EventType.CONVERSATION_ENDED;
import static org.agenthooks.domain.event.EventType.CONVERSATION_STARTED;
import static org.agenthooks.domain.event.EventType.WEBHOOK_TEST;
import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.agenthooks.domain.event.EventType;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {
    private static final String ALLOWED = "conversation_started, conversation_ended, conversation_analysed";

    @Test
    void an_empty_list_of_events_is_rejected_naming_the_allowed_values() {
        assertThat(rejected("events", () -> Subscriptions.of(List.of())))
                .isEqualTo("must list at least one of: " + ALLOWED);
        rejected("events", () -> new Subscriptions(Set.of()));
        rejected("events", () -> new Subscriptions(null));
    }

    @Test
    void duplicates_collapse() {
        Subscriptions subscriptions = Subscriptions.of(CONVERSATION_ENDED, CONVERSATION_STARTED, CONVERSATION_ENDED);

        assertThat(subscriptions.types()).containsExactlyInAnyOrder(CONVERSATION_STARTED, CONVERSATION_ENDED);
        assertThat(subscriptions.inOrder()).hasSize(2);
    }

    @Test
    void the_test_event_cannot_be_subscribed_to_and_the_error_names_the_allowed_values() {
        String message = rejected("events", () -> Subscriptions.of(CONVERSATION_STARTED, WEBHOOK_TEST));

        assertThat(message).isEqualTo("'webhook.test' cannot be subscribed to; allowed: " + ALLOWED);
    }

    @Test
    void every_subscribable_type_can_be_subscribed_to() {
        Subscriptions all = Subscriptions.of(EventType.subscribableTypes());

        assertThat(all.inOrder()).containsExactly(CONVERSATION_STARTED, CONVERSATION_ENDED, CONVERSATION_ANALYSED);
    }

    @Test
    void the_order_follows_the_catalog_not_the_input() {
        Subscriptions subscriptions = Subscriptions.of(CONVERSATION_ANALYSED, CONVERSATION_STARTED);

        assertThat(subscriptions.inOrder()).containsExactly(CONVERSATION_STARTED, CONVERSATION_ANALYSED);
    }

    @Test
    void it_includes_exactly_the_listed_types() {
        Subscriptions subscriptions = Subscriptions.of(CONVERSATION_ENDED);

        assertThat(subscriptions.includes(CONVERSATION_ENDED)).isTrue();
        assertThat(subscriptions.includes(CONVERSATION_STARTED)).isFalse();
        assertThat(subscriptions.includes(WEBHOOK_TEST)).isFalse();
    }

    @Test
    void subscriptions_are_equal_whatever_order_they_were_given_in() {
        assertThat(Subscriptions.of(CONVERSATION_ENDED, CONVERSATION_STARTED))
                .isEqualTo(Subscriptions.of(CONVERSATION_STARTED, CONVERSATION_ENDED))
                .isEqualTo(new Subscriptions(new HashSet<>(List.of(CONVERSATION_ENDED, CONVERSATION_STARTED))));
    }

    @Test
    void the_types_cannot_be_changed_from_outside() {
        Set<EventType> given = EnumSet.of(CONVERSATION_STARTED);
        Subscriptions subscriptions = new Subscriptions(given);

        given.add(CONVERSATION_ENDED);

        assertThat(subscriptions.includes(CONVERSATION_ENDED)).isFalse();
        assertThatThrownBy(() -> subscriptions.types().add(CONVERSATION_ENDED))
                .isInstanceOf(UnsupportedOperationException.class);
        List<EventType> inOrder = new ArrayList<>(subscriptions.inOrder());
        assertThat(inOrder).containsExactly(CONVERSATION_STARTED);
    }
}
