package org.agenthooks.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agenthooks.application.delivery.DeliveryDispatcher;
import org.agenthooks.application.port.in.BatchItemOutcome;
import org.agenthooks.application.port.in.IngestEventBatchUseCase;
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
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Takes in an event: one delivery per active webhook of its agent that listens to its type, all committed with
 * the event before the caller hears back, then handed straight to the dispatcher (no waiting for a poll), except
 * those that wait for an earlier event of their conversation. A batch is many of these under the same rules, its
 * accepted events appended in one transaction; a single event is a batch of one.
 */
public final class IngestEventService implements IngestEventUseCase, IngestEventBatchUseCase {
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private record AgentKey(WorkspaceId workspaceId, AgentId agentId) {}

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

    /** Ingests one event: the batch path with one item, so both keep the same rules. */
    @Override
    public IngestedEvent ingest(IngestEventCommand command) {
        return switch (ingestEach(List.of(command)).getFirst()) {
            case BatchItemOutcome.Accepted accepted -> accepted.event();
            case BatchItemOutcome.Refused refused -> throw refused.reason();
        };
    }

    @Override
    public List<BatchItemOutcome> ingestAll(List<IngestEventCommand> commands) {
        IngestEventBatchUseCase.requireSize(commands.size());
        return ingestEach(commands);
    }

    /** Each event in its own trace: an ingest span from the traceparent it came with, ended when it is answered. */
    private List<BatchItemOutcome> ingestEach(List<IngestEventCommand> commands) {
        List<Tracing.Span> spans = new ArrayList<>(commands.size());
        try {
            for (IngestEventCommand command : commands) {
                spans.add(tracing.start(Tracing.Step.INGEST, command.traceParent()));
            }
            List<BatchItemOutcome> outcomes = ingestUnderSpans(commands, spans);
            for (int at = 0; at < outcomes.size(); at++) {
                switch (outcomes.get(at)) {
                    case BatchItemOutcome.Accepted accepted ->
                        spans.get(at)
                                .attribute(
                                        Tracing.EVENT_ID,
                                        accepted.event().eventId().value());
                    case BatchItemOutcome.Refused refused ->
                        spans.get(at)
                                .failed("InvalidInputException: "
                                        + refused.reason().getMessage());
                }
            }
            return outcomes;
        } catch (RuntimeException e) {
            for (Tracing.Span span : spans) {
                span.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            throw e;
        } finally {
            for (Tracing.Span span : spans) {
                span.close();
            }
        }
    }

    private List<BatchItemOutcome> ingestUnderSpans(List<IngestEventCommand> commands, List<Tracing.Span> spans) {
        Instant now = Timestamps.now(clock);
        BatchItemOutcome[] outcomes = new BatchItemOutcome[commands.size()];
        List<Integer> appendedAt = new ArrayList<>(commands.size());
        List<NewEvent> appends = new ArrayList<>(commands.size());
        List<List<Webhook>> targetsOf = new ArrayList<>(commands.size());
        // Read once per agent of the batch, not once per event.
        Map<AgentKey, List<Webhook>> activeByAgent = new HashMap<>();
        Map<AgentKey, Boolean> agentExists = new HashMap<>();
        for (int at = 0; at < commands.size(); at++) {
            IngestEventCommand command = commands.get(at);
            AgentKey agentKey = new AgentKey(command.workspaceId(), command.agentId());
            List<Webhook> targets = activeByAgent
                    .computeIfAbsent(agentKey, key -> webhooks.activeFor(command.workspaceId(), command.agentId()))
                    .stream()
                    .filter(webhook -> webhook.wants(command.agentId(), command.type()))
                    .toList();
            if (targets.isEmpty()
                    && !agentExists.computeIfAbsent(
                            agentKey,
                            key -> agents.find(command.workspaceId(), command.agentId())
                                    .isPresent())) {
                outcomes[at] = new BatchItemOutcome.Refused(
                        InvalidInputException.of("agentId", "no agent '" + command.agentId() + "' in this workspace"));
                continue;
            }
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
            appendedAt.add(at);
            targetsOf.add(targets);
            appends.add(new NewEvent(
                    event,
                    command.idempotencyKey(),
                    now.minus(IDEMPOTENCY_WINDOW),
                    deliveries,
                    dispatcher.leaseUntil(),
                    Optional.of(spans.get(at).context())));
        }
        List<AppendResult> results = appends.isEmpty() ? List.of() : appendTraced(appends);
        List<DeliveryJob> jobs = new ArrayList<>();
        for (int i = 0; i < appends.size(); i++) {
            AppendResult result = results.get(i);
            if (!result.repeat()) {
                metrics.eventIngested(appends.get(i).event().type());
                jobs.addAll(jobsFor(appends.get(i), targetsOf.get(i), result));
            }
            outcomes[appendedAt.get(i)] =
                    new BatchItemOutcome.Accepted(new IngestedEvent(result.eventId(), result.deliveries()));
        }
        if (!jobs.isEmpty()) {
            dispatcher.submit(jobs);
        }
        return List.of(outcomes);
    }

    /** Appends in one transaction, with an outbox-commit span in each event's trace for as long as it takes. */
    private List<AppendResult> appendTraced(List<NewEvent> appends) {
        List<Tracing.Span> commits = new ArrayList<>(appends.size());
        try {
            for (NewEvent append : appends) {
                commits.add(tracing.start(Tracing.Step.OUTBOX_COMMIT, append.traceParent()));
            }
            return events.appendAll(appends);
        } catch (RuntimeException e) {
            for (Tracing.Span commit : commits) {
                commit.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            throw e;
        } finally {
            for (Tracing.Span commit : commits) {
                commit.close();
            }
        }
    }

    /** The deliveries of a new event to attempt at once, in the order of {@code targets}. */
    private static List<DeliveryJob> jobsFor(NewEvent append, List<Webhook> targets, AppendResult result) {
        List<Delivery> deliveries = append.deliveries();
        if (deliveries.isEmpty()) {
            return List.of();
        }
        AgentEvent event = append.event();
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
                    deliveries.get(i), target.url(), target.signingSecrets(), payload, append.traceParent()));
        }
        return jobs;
    }
}
