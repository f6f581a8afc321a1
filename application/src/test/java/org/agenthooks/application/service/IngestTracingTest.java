package org.agenthooks.application.service;

import static org.agenthooks.application.testing.DeliveryHarness.SHORT_SCHEDULE;
import static org.agenthooks.application.testing.DeliveryHarness.WITHIN;
import static org.agenthooks.application.testing.Eventually.eventually;
import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.GIVEN_SECRET;
import static org.agenthooks.application.testing.Fixtures.SECOND_AGENT;
import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.agent;
import static org.agenthooks.domain.event.EventType.CONVERSATION_ENDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.delivery.DeliveryDispatcher;
import org.agenthooks.application.delivery.DispatchSettings;
import org.agenthooks.application.fakes.InMemoryAgentRepository;
import org.agenthooks.application.fakes.InMemoryDeliveryRepository;
import org.agenthooks.application.fakes.InMemoryEventRepository;
import org.agenthooks.application.fakes.InMemoryTables;
import org.agenthooks.application.fakes.InMemoryWebhookRepository;
import org.agenthooks.application.fakes.RecordingTracing;
import org.agenthooks.application.fakes.RecordingTracing.RecordedSpan;
import org.agenthooks.application.port.in.IngestEventCommand;
import org.agenthooks.application.port.in.IngestedEvent;
import org.agenthooks.application.port.out.EngineMetrics;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.application.port.out.Tracing;
import org.agenthooks.application.port.out.Tracing.Step;
import org.agenthooks.application.testing.RunningClock;
import org.agenthooks.application.testing.ScriptedWebhookSender;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.TraceParent;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookDefinition;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IngestTracingTest {
    private static final TraceParent INCOMING = TraceParent.parse(
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .orElseThrow();

    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    private final InMemoryTables tables = new InMemoryTables(webhooks);
    private final InMemoryEventRepository events = new InMemoryEventRepository(tables);
    private final InMemoryDeliveryRepository deliveries = new InMemoryDeliveryRepository(tables);
    private final ScriptedWebhookSender sender = new ScriptedWebhookSender();
    private final RunningClock clock = new RunningClock(START);
    private DeliveryDispatcher dispatcher;

    @AfterEach
    void stop() {
        dispatcher.close();
    }

    private IngestEventService wiredWith(Tracing tracing) {
        agents.add(agent(AGENT, WORKSPACE));
        agents.add(agent(SECOND_AGENT, WORKSPACE));
        dispatcher = new DeliveryDispatcher(
                deliveries,
                webhooks,
                sender,
                clock,
                new DispatchSettings(
                        SHORT_SCHEDULE,
                        Duration.ofSeconds(30),
                        Duration.ofMillis(20),
                        100,
                        64,
                        8,
                        100,
                        Duration.ZERO,
                        Duration.ofSeconds(2),
                        Duration.ofHours(1)),
                EngineMetrics.none(),
                (workspaceId, webhookId, reason) -> {},
                tracing);
        dispatcher.start();
        return new IngestEventService(webhooks, agents, events, dispatcher, clock, EngineMetrics.none(), tracing);
    }

    private Webhook webhook(String url) {
        Webhook webhook = Webhook.register(
                WORKSPACE,
                new WebhookDefinition(
                        new WebhookName("Hook " + url),
                        new WebhookUrl(url),
                        AGENT,
                        GIVEN_SECRET,
                        Subscriptions.of(CONVERSATION_ENDED),
                        true),
                START);
        webhooks.add(webhook);
        return webhook;
    }

    private static IngestEventCommand ended(Optional<TraceParent> traceParent) {
        return new IngestEventCommand(
                WORKSPACE,
                CONVERSATION_ENDED,
                AGENT,
                Optional.empty(),
                new EventData("{}"),
                Optional.empty(),
                traceParent);
    }

    @Test
    void an_event_with_a_trace_parent_is_traced_as_ingest_commit_and_attempt_in_that_trace() {
        RecordingTracing tracing = new RecordingTracing(true);
        IngestEventService ingest = wiredWith(tracing);
        Webhook hook = webhook("https://one.example.com/hooks");

        IngestedEvent ingested = ingest.ingest(ended(Optional.of(INCOMING)));

        eventually(
                WITHIN,
                () -> assertThat(tracing.spans(Step.ATTEMPT))
                        .singleElement()
                        .satisfies(span -> assertThat(span.ended()).isTrue()));
        RecordedSpan ingestSpan = tracing.spans(Step.INGEST).getFirst();
        RecordedSpan commit = tracing.spans(Step.OUTBOX_COMMIT).getFirst();
        RecordedSpan attempt = tracing.spans(Step.ATTEMPT).getFirst();
        assertThat(ingestSpan.parent()).contains(INCOMING);
        assertThat(ingestSpan.attributes())
                .containsEntry(Tracing.EVENT_ID, ingested.eventId().value());
        assertThat(commit.parent()).contains(ingestSpan.context());
        assertThat(attempt.parent()).contains(ingestSpan.context());
        assertThat(List.of(ingestSpan, commit, attempt)).allSatisfy(span -> {
            assertThat(span.ended()).isTrue();
            assertThat(span.context().traceId()).isEqualTo(INCOMING.traceId());
            assertThat(span.failure()).isEmpty();
        });
        Delivery delivery = deliveries.forEvent(WORKSPACE, ingested.eventId()).getFirst();
        assertThat(attempt.attributes())
                .containsEntry(Tracing.WEBHOOK_ID, hook.id().value())
                .containsEntry(Tracing.DELIVERY_ID, delivery.id().value())
                .containsEntry(Tracing.ATTEMPT_NUMBER, 1L)
                .containsEntry(Tracing.STATUS_CODE, 200L);
        OutboundRequest sent = sender.requests().getFirst();
        assertThat(sent.headers())
                .containsEntry(TraceParent.HEADER, attempt.context().toString());
    }

    @Test
    void a_retry_claimed_by_a_poll_joins_the_events_trace_as_its_own_attempt_span() {
        RecordingTracing tracing = new RecordingTracing(true);
        IngestEventService ingest = wiredWith(tracing);
        webhook("https://one.example.com/hooks");
        sender.answer(ScriptedWebhookSender.status(500));

        ingest.ingest(ended(Optional.of(INCOMING)));

        eventually(WITHIN, () -> assertThat(sender.requests()).hasSize(2));
        eventually(WITHIN, () -> assertThat(tracing.spans(Step.ATTEMPT)).allMatch(RecordedSpan::ended));
        RecordedSpan ingestSpan = tracing.spans(Step.INGEST).getFirst();
        List<RecordedSpan> attempts = tracing.spans(Step.ATTEMPT);
        assertThat(attempts)
                .hasSize(2)
                .allSatisfy(span -> assertThat(span.parent()).contains(ingestSpan.context()));
        assertThat(attempts.get(0).failure()).contains("HTTP 500");
        assertThat(attempts.get(0).attributes()).containsEntry(Tracing.STATUS_CODE, 500L);
        assertThat(attempts.get(1).attributes()).containsEntry(Tracing.ATTEMPT_NUMBER, 2L);
        List<TraceParent> sent = sender.requests().stream()
                .map(request -> TraceParent.parse(request.headers().get(TraceParent.HEADER))
                        .orElseThrow())
                .toList();
        assertThat(sent).extracting(TraceParent::traceId).containsOnly(INCOMING.traceId());
        assertThat(sent.get(0).parentId()).isNotEqualTo(sent.get(1).parentId());
    }

    @Test
    void an_event_that_came_without_a_trace_starts_one_that_its_deliveries_carry() {
        RecordingTracing tracing = new RecordingTracing(true);
        IngestEventService ingest = wiredWith(tracing);
        webhook("https://one.example.com/hooks");
        webhook("https://two.example.com/hooks");

        ingest.ingest(ended(Optional.empty()));

        eventually(WITHIN, () -> assertThat(sender.requests()).hasSize(2));
        RecordedSpan ingestSpan = tracing.spans(Step.INGEST).getFirst();
        assertThat(ingestSpan.parent()).isEmpty();
        assertThat(sender.requests())
                .extracting(request -> TraceParent.parse(request.headers().get(TraceParent.HEADER))
                        .orElseThrow()
                        .traceId())
                .containsOnly(ingestSpan.context().traceId());
    }

    @Test
    void without_propagation_no_attempt_carries_a_traceparent() {
        IngestEventService ingest = wiredWith(Tracing.off());
        webhook("https://one.example.com/hooks");

        ingest.ingest(ended(Optional.of(INCOMING)));

        eventually(WITHIN, () -> assertThat(sender.requests()).hasSize(1));
        assertThat(sender.requests().getFirst().headers()).doesNotContainKey(TraceParent.HEADER);
    }

    @Test
    void with_no_tracing_the_attempt_carries_the_events_trace_id_under_a_fresh_parent_id() {
        IngestEventService ingest = wiredWith(Tracing.none());
        webhook("https://one.example.com/hooks");

        ingest.ingest(ended(Optional.of(INCOMING)));

        eventually(WITHIN, () -> assertThat(sender.requests()).hasSize(1));
        TraceParent sent = TraceParent.parse(
                        sender.requests().getFirst().headers().get(TraceParent.HEADER))
                .orElseThrow();
        assertThat(sent.traceId()).isEqualTo(INCOMING.traceId());
        assertThat(sent.parentId()).isNotEqualTo(INCOMING.parentId());
    }

    @Test
    void a_refused_ingest_ends_its_span_marked_failed() {
        RecordingTracing tracing = new RecordingTracing(true);
        IngestEventService ingest = wiredWith(tracing);

        assertThatThrownBy(() -> ingest.ingest(new IngestEventCommand(
                        WORKSPACE,
                        CONVERSATION_ENDED,
                        new AgentId("NoSuchAgent000000"),
                        Optional.empty(),
                        new EventData("{}"),
                        Optional.empty(),
                        Optional.of(INCOMING))))
                .isInstanceOf(InvalidInputException.class);

        assertThat(tracing.spans()).singleElement().satisfies(span -> {
            assertThat(span.step()).isEqualTo(Step.INGEST);
            assertThat(span.ended()).isTrue();
            assertThat(span.failure()).isPresent();
        });
    }
}
