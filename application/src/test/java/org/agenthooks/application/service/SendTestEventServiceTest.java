package org.agenthooks.application.service;

import static org.agenthooks.application.testing.DeliveryHarness.A_WHILE;
import static org.agenthooks.application.testing.DeliveryHarness.WITHIN;
import static org.agenthooks.application.testing.Eventually.eventually;
import static org.agenthooks.application.testing.Eventually.throughout;
import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.GIVEN_SECRET;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACES_AGENT;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.assertNotFound;
import static org.agenthooks.domain.event.EventType.CONVERSATION_ANALYSED;
import static org.agenthooks.domain.event.EventType.CONVERSATION_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.application.testing.DeliveryHarness;
import org.agenthooks.application.testing.StandardWebhooksVerifier;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendTestEventServiceTest {
    private final DeliveryHarness world = new DeliveryHarness();

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void a_test_event_goes_to_the_webhook_although_no_webhook_subscribes_to_its_kind() {
        Webhook webhook = world.webhook("https://one.example.com/hooks", CONVERSATION_STARTED);

        Delivery delivery = world.sendTest.sendTest(WORKSPACE, webhook.id());

        eventually(
                WITHIN,
                () -> assertThat(world.details(delivery.id()).delivery().status())
                        .isEqualTo(DeliveryStatus.SUCCEEDED));
        assertThat(world.sender.requests())
                .singleElement()
                .extracting(OutboundRequest::url)
                .isEqualTo(webhook.url());
        assertThat(delivery.eventType()).isEqualTo(EventType.WEBHOOK_TEST);
        assertThat(delivery.webhookId()).isEqualTo(webhook.id());
    }

    @Test
    void the_test_event_is_signed_and_its_payload_says_webhook_test() {
        Webhook webhook = world.webhook("https://one.example.com/hooks", CONVERSATION_STARTED);

        Delivery delivery = world.sendTest.sendTest(WORKSPACE, webhook.id());

        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(1));
        OutboundRequest request = world.sender.requests().getFirst();
        AgentEvent event = world.event(delivery.eventId());
        assertThat(event.type()).isEqualTo(EventType.WEBHOOK_TEST);
        assertThat(event.agentId()).isEqualTo(AGENT);
        assertThat(request.body()).isEqualTo(event.payload());
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).contains("\"type\":\"webhook.test\"");
        assertThat(request.headers())
                .containsEntry("webhook-id", delivery.eventId().value());
        assertThat(request.headers().get("webhook-signature"))
                .isEqualTo(StandardWebhooksVerifier.expectedSignature(GIVEN_SECRET.reveal(), request));
    }

    @Test
    void a_paused_webhook_gets_its_test_event_too() {
        Webhook paused = world.webhook(
                WORKSPACE, AGENT, "https://paused.example.com/hooks", GIVEN_SECRET, false, CONVERSATION_ANALYSED);

        Delivery delivery = world.sendTest.sendTest(WORKSPACE, paused.id());

        eventually(
                WITHIN,
                () -> assertThat(world.details(delivery.id()).delivery().status())
                        .isEqualTo(DeliveryStatus.SUCCEEDED));
        assertThat(world.sender.requests()).extracting(OutboundRequest::url).containsExactly(paused.url());
    }

    @Test
    void only_the_named_webhook_gets_the_test_event() {
        Webhook named = world.webhook("https://one.example.com/hooks", CONVERSATION_STARTED);
        world.webhook("https://two.example.com/hooks", CONVERSATION_STARTED);

        Delivery delivery = world.sendTest.sendTest(WORKSPACE, named.id());

        assertThat(world.deliveriesOf(delivery.eventId()))
                .extracting(Delivery::webhookId)
                .containsExactly(named.id());
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(1));
        throughout(
                A_WHILE,
                () -> assertThat(world.sender.requests())
                        .extracting(OutboundRequest::url)
                        .containsExactly(named.url()));
    }

    @Test
    void the_test_delivery_is_stored_and_returned_pending() {
        world.sender.hold();
        Webhook webhook = world.webhook("https://one.example.com/hooks", CONVERSATION_STARTED);

        Delivery delivery = world.sendTest.sendTest(WORKSPACE, webhook.id());

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.attempts()).isZero();
        assertThat(world.queries.get(WORKSPACE, delivery.eventId()).deliveries())
                .extracting(Delivery::id)
                .containsExactly(delivery.id());
    }

    @Test
    void another_workspaces_webhook_is_not_found_and_gets_nothing() {
        Webhook others = world.webhook(
                OTHER_WORKSPACE,
                OTHER_WORKSPACES_AGENT,
                "https://other.example.com/hooks",
                GIVEN_SECRET,
                true,
                CONVERSATION_STARTED);

        assertNotFound("webhook", others.id().value(), () -> world.sendTest.sendTest(WORKSPACE, others.id()));

        throughout(A_WHILE, () -> assertThat(world.sender.count()).isZero());
    }

    @Test
    void an_unknown_webhook_is_not_found() {
        WebhookId unknown = WebhookId.random();

        assertNotFound("webhook", unknown.value(), () -> world.sendTest.sendTest(WORKSPACE, unknown));
    }
}
