package org.agenthooks.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.delivery.DeliveryDispatcher;
import org.agenthooks.application.port.in.IngestEventCommand;
import org.agenthooks.application.port.in.IngestEventUseCase;
import org.agenthooks.application.port.in.IngestedEvent;
import org.agenthooks.application.port.out.AgentRepository;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.EngineMetrics;
import org.agenthooks.application.port.out.EventRepository;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.Tracing;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.TraceParent;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.webhook.Webhook;

/**
 * Takes in an event: one delivery per active webhook of its agent that listens to its type, all committed with
 * the event before the caller hears back, then handed straight to the dispatcher (no waiting for a poll), except
 * those that wait for an earlier event of their conversation. Traced as an {@code ingest} span in the trace the
 * event came with (or a new one), around an {@code outbox commit} span; the event keeps the ingest span's trace
 * parent, which each attempt of its deliveries joins.
 */
public final class IngestEventService implements IngestEventUseCase {
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final WebhookRepository webhooks;
    private final AgentRepository agents;
    private final EventRepository events;
    private final DeliveryDispatcher dispatcher;
    private final Clock clock;
    private final EngineMetrics metrics;
    private final Tracing tracing;

    public IngestEventService(
            WebhookRepository webhooks,
            AgentRepository agents,
            EventRepository events,
            DeliveryDispatcher dispatcher,
            Clock clock) {
        this(webhooks, agents, events, dispatcher, clock, EngineMetrics.none());
    }

    public IngestEventService(
            WebhookRepository webhooks,
            AgentRepository agents,
            EventRepository events,
            DeliveryDispatcher dispatcher,
            Clock clock,
            EngineMetrics metrics) {
        this(webhooks, agents, events, dispatcher, clock, metrics, Tracing.none());
    }

    public IngestEventService(
            WebhookRepository webhooks,
            AgentRepository agents,
            EventRepository events,
            DeliveryDispatcher dispatcher,
            Clock clock,
            EngineMetrics metrics,
            Tracing tracing) {
        this.webhooks = webhooks;
        this.agents = agents;
        this.events = events;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public IngestedEvent ingest(IngestEventCommand command) {
        try (Tracing.Span span = tracing.start(Tracing.Step.INGEST, command.traceParent())) {
            try {
                IngestedEvent ingested = ingest(command, span.context());
                span.attribute(Tracing.EVENT_ID, ingested.eventId().value());
                return ingested;
            } catch (RuntimeException e) {
                span.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
                throw e;
            }
        }
    }

    private IngestedEvent ingest(IngestEventCommand command, TraceParent trace) {
        List<Webhook> targets = webhooks.activeFor(command.workspaceId(), command.agentId()).stream()
                .filter(webhook -> webhook.wants(command.agentId(), command.type()))
                .toList();
        if (targets.isEmpty()
                && agents.find(command.workspaceId(), command.agentId()).isEmpty()) {
            throw InvalidInputException.of("agentId", "no agent '" + command.agentId() + "' in this workspace");
        }
        Instant now = Timestamps.now(clock);
        AgentEvent event = new AgentEvent(
                EventId.random(),
                command.workspaceId(),
                command.agentId(),
                command.type(),
                command.conversationId(),
                command.data(),
                now);
        List<Delivery> deliveries = targets.stream()
                .map(webhook -> Delivery.of(event, webhook.id(), now))
                .toList();
        NewEvent append = new NewEvent(
                event,
                command.idempotencyKey(),
                now.minus(IDEMPOTENCY_WINDOW),
                deliveries,
                dispatcher.leaseUntil(),
                Optional.of(trace));
        AppendResult result;
        try (Tracing.Span commit = tracing.start(Tracing.Step.OUTBOX_COMMIT, Optional.of(trace))) {
            result = events.append(append);
        }
        if (!result.repeat()) {
            metrics.eventIngested(event.type());
        }
        if (!result.repeat() && !deliveries.isEmpty()) {
            // Numbered in its conversation by the append: that number is part of what is sent.
            byte[] payload = result.sequence().isPresent()
                    ? event.numbered(result.sequence().getAsLong()).payload()
                    : event.payload();
            List<DeliveryJob> jobs = new ArrayList<>(deliveries.size());
            for (int i = 0; i < deliveries.size(); i++) {
                // Skipped: its webhook was removed after it was read (e.g. through another instance).
                if (result.skipped().contains(deliveries.get(i).id())) {
                    continue;
                }
                // Held: an earlier event of its conversation is still pending there; a poll claims it after that.
                if (result.held().contains(deliveries.get(i).id())) {
                    continue;
                }
                Webhook target = targets.get(i);
                jobs.add(new DeliveryJob(
                        deliveries.get(i), target.url(), target.signingSecrets(), payload, Optional.of(trace)));
            }
            if (!jobs.isEmpty()) {
                dispatcher.submit(jobs);
            }
        }
        return new IngestedEvent(result.eventId(), result.deliveries());
    }
}
