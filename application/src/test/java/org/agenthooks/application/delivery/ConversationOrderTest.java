package org.agenthooks.application.delivery;

import static org.agenthooks.application.testing.DeliveryHarness.A_WHILE;
import static org.agenthooks.application.testing.DeliveryHarness.SHORT_SCHEDULE;
import static org.agenthooks.application.testing.DeliveryHarness.WITHIN;
import static org.agenthooks.application.testing.Eventually.eventually;
import static org.agenthooks.application.testing.Eventually.throughout;
import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.GIVEN_SECRET;
import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.ScriptedWebhookSender.ok;
import static org.agenthooks.application.testing.ScriptedWebhookSender.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agenthooks.application.port.in.IngestEventCommand;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.application.testing.DeliveryHarness;
import org.agenthooks.domain.delivery.RetrySchedule;
import org.agenthooks.domain.delivery.WebhookHeaders;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Ordering;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookDefinition;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConversationOrderTest {
    private static final String URL = "https://receiver.example/hooks";
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");
    private static final Pattern CONVERSATION = Pattern.compile("\"conversationId\":\"([^\"]+)\"");
    /** Retries far enough apart that a held event would have been sent meanwhile if nothing held it. */
    private static final RetrySchedule SLOW_RETRIES =
            new RetrySchedule(List.of(Duration.ZERO, Duration.ofMillis(150), Duration.ofMillis(150)), 0);

    private DeliveryHarness world = DeliveryHarness.withOrderHold(SLOW_RETRIES, Duration.ofHours(1));

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void a_conversations_later_events_wait_until_its_first_is_accepted_and_arrive_numbered_in_order() {
        world.webhook(
                URL, EventType.CONVERSATION_STARTED, EventType.CONVERSATION_ENDED, EventType.CONVERSATION_ANALYSED);
        world.sender.answer(status(500), status(500));

        ingest("conv-1", EventType.CONVERSATION_STARTED);
        ingest("conv-1", EventType.CONVERSATION_ENDED);
        ingest("conv-1", EventType.CONVERSATION_ANALYSED);

        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(5));
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isEqualTo(5));
        List<OutboundRequest> sent = world.sender.requests();
        assertThat(sent)
                .extracting(ConversationOrderTest::type)
                .containsExactly(
                        "conversation_started",
                        "conversation_started",
                        "conversation_started",
                        "conversation_ended",
                        "conversation_analysed");
        assertThat(sent).extracting(ConversationOrderTest::sequence).containsExactly(1L, 1L, 1L, 2L, 3L);
        assertThat(sent).allSatisfy(request -> assertThat(request.headers()).doesNotContainKey(WebhookHeaders.ORDER));
    }

    @Test
    void a_first_event_that_ends_failed_releases_the_later_ones() {
        world.close();
        world = DeliveryHarness.withOrderHold(SHORT_SCHEDULE, Duration.ofHours(1));
        world.webhook(URL, EventType.CONVERSATION_STARTED, EventType.CONVERSATION_ENDED);
        world.sender.answer(status(500), status(500), status(500));

        ingest("conv-1", EventType.CONVERSATION_STARTED);
        ingest("conv-1", EventType.CONVERSATION_ENDED);

        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(4));
        assertThat(world.sender.requests())
                .extracting(ConversationOrderTest::sequence)
                .containsExactly(1L, 1L, 1L, 2L);
        assertThat(world.sender.requests().getLast().headers()).doesNotContainKey(WebhookHeaders.ORDER);
    }

    @Test
    void a_held_event_goes_ahead_after_the_order_hold_and_says_so() {
        world.close();
        world = DeliveryHarness.withOrderHold(
                new RetrySchedule(List.of(Duration.ZERO, Duration.ofHours(1)), 0), Duration.ofSeconds(1));
        world.webhook(URL, EventType.CONVERSATION_STARTED, EventType.CONVERSATION_ENDED);
        world.sender.answer(status(500));

        ingest("conv-1", EventType.CONVERSATION_STARTED);
        ingest("conv-1", EventType.CONVERSATION_ENDED);

        // The first is sent asynchronously: wait for it before checking that the second stays held.
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(1));
        throughout(
                Duration.ofMillis(150), () -> assertThat(world.sender.count()).isEqualTo(1));
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(2));
        OutboundRequest released = world.sender.requests().get(1);
        assertThat(sequence(released)).isEqualTo(2L);
        assertThat(released.headers()).containsEntry(WebhookHeaders.ORDER, WebhookHeaders.ORDER_RELEASED);
    }

    @Test
    void other_conversations_and_events_without_one_are_not_held_back() {
        world.webhook(URL, EventType.CONVERSATION_STARTED, EventType.CONVERSATION_ENDED);
        world.sender.answer(status(500));

        ingest("conv-1", EventType.CONVERSATION_STARTED);
        ingest("conv-1", EventType.CONVERSATION_ENDED);
        ingest("conv-2", EventType.CONVERSATION_STARTED);
        world.ingest.ingest(command(Optional.empty(), EventType.CONVERSATION_STARTED));

        // conv-2 and the one without a conversation go while conv-1's first waits for its retry.
        eventually(WITHIN, () -> assertThat(world.sender.count()).isGreaterThanOrEqualTo(3));
        assertThat(world.sender.requests().subList(0, 3))
                .extracting(ConversationOrderTest::conversation)
                .containsExactlyInAnyOrder("conv-1", "conv-2", "");
        assertThat(new String(world.sender.requests().get(2).body(), StandardCharsets.UTF_8)
                        + new String(world.sender.requests().get(1).body(), StandardCharsets.UTF_8))
                .doesNotContain("\"sequence\":2");
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(5));
        assertThat(sequence(world.sender.requests().getLast())).isEqualTo(2L);
    }

    @Test
    void a_webhook_that_opts_out_gets_each_event_at_once() {
        Webhook unordered = Webhook.register(
                WORKSPACE,
                new WebhookDefinition(
                        new WebhookName("Unordered"),
                        new WebhookUrl(URL),
                        AGENT,
                        GIVEN_SECRET,
                        Subscriptions.of(EventType.CONVERSATION_STARTED, EventType.CONVERSATION_ENDED),
                        true,
                        Ordering.NONE),
                START);
        world.webhooks.add(unordered);
        world.sender.answer(status(500));

        ingest("conv-1", EventType.CONVERSATION_STARTED);
        ingest("conv-1", EventType.CONVERSATION_ENDED);

        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(3));
        // Neither waits for the other: both first attempts go out at once, in either order.
        assertThat(world.sender.requests().subList(0, 2))
                .extracting(ConversationOrderTest::sequence)
                .containsExactlyInAnyOrder(1L, 2L);
        assertThat(world.sender.requests().getLast().headers()).doesNotContainKey(WebhookHeaders.ORDER);
    }

    @Test
    void every_conversation_is_numbered_on_its_own_and_an_event_without_one_is_not() {
        world.webhook(URL, EventType.CONVERSATION_STARTED, EventType.CONVERSATION_ENDED);
        world.sender.otherwiseAnswer(ok());

        ingest("conv-1", EventType.CONVERSATION_STARTED);
        ingest("conv-2", EventType.CONVERSATION_STARTED);
        ingest("conv-1", EventType.CONVERSATION_ENDED);
        world.ingest.ingest(command(Optional.empty(), EventType.CONVERSATION_ENDED));

        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(4));
        assertThat(world.sender.requests())
                .extracting(request -> conversation(request) + "#" + sequenceText(request))
                .containsExactlyInAnyOrder("conv-1#1", "conv-2#1", "conv-1#2", "#");
    }

    private void ingest(String conversation, EventType type) {
        world.ingest.ingest(command(Optional.of(new ConversationId(conversation)), type));
    }

    private static IngestEventCommand command(Optional<ConversationId> conversation, EventType type) {
        return new IngestEventCommand(WORKSPACE, type, AGENT, conversation, new EventData("{}"), Optional.empty());
    }

    private static String body(OutboundRequest request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }

    private static String type(OutboundRequest request) {
        Matcher type = Pattern.compile("\"type\":\"([^\"]+)\"").matcher(body(request));
        return type.find() ? type.group(1) : "";
    }

    private static long sequence(OutboundRequest request) {
        return Long.parseLong(sequenceText(request));
    }

    private static String sequenceText(OutboundRequest request) {
        Matcher sequence = SEQUENCE.matcher(body(request));
        return sequence.find() ? sequence.group(1) : "";
    }

    private static String conversation(OutboundRequest request) {
        Matcher conversation = CONVERSATION.matcher(body(request));
        return conversation.find() ? conversation.group(1) : "";
    }
}
