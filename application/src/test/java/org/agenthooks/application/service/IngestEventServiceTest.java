package org.agenthooks.application.service;

import static org.agenthooks.application.testing.DeliveryHarness.A_WHILE;
import static org.agenthooks.application.testing.DeliveryHarness.WITHIN;
import static org.agenthooks.application.testing.DeliveryHarness.command;
import static org.agenthooks.application.testing.Eventually.eventually;
import static org.agenthooks.application.testing.Eventually.throughout;
import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.GIVEN_SECRET;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACES_AGENT;
import static org.agenthooks.application.testing.Fixtures.SECOND_AGENT;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.assertRejected;
import static org.agenthooks.domain.event.EventType.CONVERSATION_ANALYSED;
import static org.agenthooks.domain.event.EventType.CONVERSATION_ENDED;
import static org.agenthooks.domain.event.EventType.CONVERSATION_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.agenthooks.application.port.in.IngestedEvent;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.application.testing.DeliveryHarness;
import org.agenthooks.application.testing.StandardWebhooksVerifier;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Webhook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IngestEventServiceTest {
    private static final Optional<IdempotencyKey> KEY = Optional.of(new IdempotencyKey("order-42/ended"));

    private final DeliveryHarness world = new DeliveryHarness();

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void an_event_goes_to_every_active_webhook_of_its_agent_that_listens_to_its_type_and_to_no_other() {
        Webhook first = world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        Webhook second = world.webhook("https://two.example.com/hooks", CONVERSATION_STARTED, CONVERSATION_ENDED);
        world.webhook(WORKSPACE, AGENT, "https://paused.example.com/hooks", GIVEN_SECRET, false, CONVERSATION_ENDED);
        world.webhook(
                WORKSPACE,
                SECOND_AGENT,
                "https://other-agent.example.com/hooks",
                GIVEN_SECRET,
                true,
                CONVERSATION_ENDED);
        world.webhook("https://unsubscribed.example.com/hooks", CONVERSATION_STARTED, CONVERSATION_ANALYSED);

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        assertThat(ingested.deliveries()).isEqualTo(2);
        assertThat(world.deliveriesOf(ingested.eventId()))
                .extracting(Delivery::webhookId)
                .containsExactlyInAnyOrder(first.id(), second.id());
        eventually(
                WITHIN,
                () -> assertThat(world.sender.requests())
                        .extracting(OutboundRequest::url)
                        .containsExactlyInAnyOrder(first.url(), second.url()));
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isEqualTo(2));
    }

    @Test
    void a_webhook_removed_while_its_agent_is_cached_is_skipped_and_the_event_goes_to_the_others() {
        CachingWebhookRepository cached =
                new CachingWebhookRepository(world.webhooks, world.agents, Duration.ofMinutes(1), 10, world.clock);
        IngestEventService ingest =
                new IngestEventService(cached, world.agents, world.events, world.dispatcher, world.clock);
        Webhook kept = world.webhook("https://kept.example.com/hooks", CONVERSATION_ENDED);
        Webhook removed = world.webhook("https://removed.example.com/hooks", CONVERSATION_ENDED);
        assertThat(ingest.ingest(command(AGENT, CONVERSATION_ENDED, Optional.empty()))
                        .deliveries())
                .isEqualTo(2);
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(2));
        // As through another instance: this one's cache still lists it.
        world.webhooks.remove(WORKSPACE, removed.id());

        IngestedEvent ingested = ingest.ingest(command(AGENT, CONVERSATION_ENDED, Optional.empty()));

        assertThat(ingested.deliveries()).isEqualTo(1);
        assertThat(world.deliveriesOf(ingested.eventId()))
                .extracting(Delivery::webhookId)
                .containsExactly(kept.id());
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(3));
        throughout(
                A_WHILE,
                () -> assertThat(world.sender.requests())
                        .extracting(OutboundRequest::url)
                        .containsExactlyInAnyOrder(kept.url(), removed.url(), kept.url()));
    }

    @Test
    void both_deliveries_succeed_when_both_receivers_answer_2xx() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.webhook("https://two.example.com/hooks", CONVERSATION_ENDED);

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        eventually(
                WITHIN,
                () -> assertThat(world.deliveriesOf(ingested.eventId()))
                        .extracting(Delivery::status, Delivery::attempts, Delivery::lastStatusCode)
                        .containsOnly(tuple(DeliveryStatus.SUCCEEDED, 1, Optional.of(200))));
    }

    @Test
    void each_request_is_signed_as_standard_webhooks_say_and_carries_the_event_payload() {
        Secret raw = Secret.of("my-raw-secret-123");
        world.webhook("https://std.example.com/hooks", CONVERSATION_ENDED);
        world.webhook(WORKSPACE, AGENT, "https://raw.example.com/hooks", raw, true, CONVERSATION_ENDED);
        long before = world.clock.instant().getEpochSecond();

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(2));
        long after = world.clock.instant().getEpochSecond();
        AgentEvent event = world.event(ingested.eventId());
        for (OutboundRequest request : world.sender.requests()) {
            String secret = request.url().host().startsWith("raw") ? raw.reveal() : GIVEN_SECRET.reveal();
            assertThat(request.headers())
                    .containsEntry("webhook-id", ingested.eventId().value());
            assertThat(Long.parseLong(request.headers().get("webhook-timestamp")))
                    .isBetween(before, after);
            assertThat(request.headers().get("webhook-signature"))
                    .isEqualTo(StandardWebhooksVerifier.expectedSignature(secret, request));
            assertThat(request.body()).isEqualTo(event.payload());
        }
    }

    @Test
    void the_payload_tells_the_receiver_what_happened() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(1));
        String body = new String(world.sender.requests().getFirst().body(), StandardCharsets.UTF_8);
        assertThat(body)
                .startsWith("{\"id\":\"" + ingested.eventId().value() + "\",\"type\":\"conversation_ended\"")
                .contains("\"workspaceId\":\"" + WORKSPACE.value() + "\"")
                .contains("\"agentId\":\"" + AGENT.value() + "\"")
                .contains("\"conversationId\":\"conv-")
                .endsWith(",\"data\":{\"summary\":\"the caller booked a table\"}}");
    }

    @Test
    void the_event_is_stored_with_the_time_of_ingest_cut_to_microseconds() {
        Instant before = world.clock.instant().minusNanos(1_000);

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        Instant occurred = world.event(ingested.eventId()).occurredAt();
        assertThat(occurred).isBetween(before, world.clock.instant());
        assertThat(occurred.getNano() % 1_000).isZero();
    }

    @Test
    void an_unknown_agent_is_refused_as_invalid_agent_id_and_nothing_is_sent() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);

        assertRejected(
                "agentId",
                () -> world.ingest.ingest(command(new AgentId("noSuchAgent"), CONVERSATION_ENDED, Optional.empty())));

        throughout(A_WHILE, () -> assertThat(world.sender.count()).isZero());
    }

    @Test
    void an_agent_of_another_workspace_is_refused_as_invalid_agent_id() {
        assertRejected(
                "agentId",
                () -> world.ingest.ingest(command(OTHER_WORKSPACES_AGENT, CONVERSATION_ENDED, Optional.empty())));
    }

    @Test
    void an_event_of_a_known_agent_without_listeners_is_stored_and_goes_nowhere() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_STARTED);

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        assertThat(ingested.deliveries()).isZero();
        assertThat(world.event(ingested.eventId()).type()).isEqualTo(CONVERSATION_ENDED);
        assertThat(world.deliveriesOf(ingested.eventId())).isEmpty();
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isZero());
    }

    @Test
    void every_ingest_without_a_key_is_a_new_event() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);

        IngestedEvent one = world.ingest(CONVERSATION_ENDED);
        IngestedEvent two = world.ingest(CONVERSATION_ENDED);

        assertThat(one.eventId()).isNotEqualTo(two.eventId());
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(2));
    }

    @Test
    void a_key_repeated_within_24_hours_returns_the_first_event_and_sends_nothing_more() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        IngestedEvent first = world.ingest.ingest(command(AGENT, CONVERSATION_ENDED, KEY));
        eventually(
                WITHIN,
                () -> assertThat(world.onlyDeliveryOf(first.eventId()).status()).isEqualTo(DeliveryStatus.SUCCEEDED));

        world.clock.advance(Duration.ofHours(23).plusMinutes(59));
        IngestedEvent repeat = world.ingest.ingest(command(AGENT, CONVERSATION_ENDED, KEY));

        assertThat(repeat).isEqualTo(first);
        assertThat(first.deliveries()).isEqualTo(1);
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isEqualTo(1));
    }

    @Test
    void a_key_used_more_than_24_hours_ago_makes_a_new_event() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        IngestedEvent first = world.ingest.ingest(command(AGENT, CONVERSATION_ENDED, KEY));
        eventually(
                WITHIN,
                () -> assertThat(world.onlyDeliveryOf(first.eventId()).status()).isEqualTo(DeliveryStatus.SUCCEEDED));

        world.clock.advance(Duration.ofHours(24).plusSeconds(1));
        IngestedEvent later = world.ingest.ingest(command(AGENT, CONVERSATION_ENDED, KEY));

        assertThat(later.eventId()).isNotEqualTo(first.eventId());
        assertThat(later.deliveries()).isEqualTo(1);
        eventually(
                WITHIN,
                () -> assertThat(world.sender.requests())
                        .extracting(request -> request.headers().get("webhook-id"))
                        .containsExactly(
                                first.eventId().value(), later.eventId().value()));
    }

    @Test
    void a_repeated_key_is_answered_with_the_first_outcome_even_after_webhooks_changed() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        IngestedEvent first = world.ingest.ingest(command(AGENT, CONVERSATION_ENDED, KEY));
        world.webhook("https://two.example.com/hooks", CONVERSATION_ENDED);

        IngestedEvent repeat = world.ingest.ingest(command(AGENT, CONVERSATION_ENDED, KEY));

        assertThat(repeat).isEqualTo(first);
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(1));
        throughout(
                A_WHILE,
                () -> assertThat(world.sender.requests())
                        .extracting(r -> r.url().host())
                        .containsExactly("one.example.com"));
    }
}
