package org.agenthooks.application.testing;

import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACES_AGENT;
import static org.agenthooks.application.testing.Fixtures.SECOND_AGENT;
import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.agenthooks.application.delivery.DeliveryDispatcher;
import org.agenthooks.application.delivery.DispatchSettings;
import org.agenthooks.application.fakes.InMemoryAgentRepository;
import org.agenthooks.application.fakes.InMemoryDeliveryRepository;
import org.agenthooks.application.fakes.InMemoryEventRepository;
import org.agenthooks.application.fakes.InMemoryTables;
import org.agenthooks.application.fakes.InMemoryWebhookRepository;
import org.agenthooks.application.fakes.RecordingEngineMetrics;
import org.agenthooks.application.port.in.DeliveryDetails;
import org.agenthooks.application.port.in.IngestEventCommand;
import org.agenthooks.application.port.in.IngestedEvent;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.HeldLease;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.application.port.out.RequeueResult;
import org.agenthooks.application.port.out.StorageUnavailableException;
import org.agenthooks.application.port.query.HourlyDeliveryCount;
import org.agenthooks.application.port.query.ListDeliveriesQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.service.DeliveryQueries;
import org.agenthooks.application.service.IngestEventService;
import org.agenthooks.application.service.RedeliverService;
import org.agenthooks.application.service.SendTestEventService;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.RetrySchedule;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookDefinition;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Test helper: the delivery side wired to in-memory fakes, started. A dispatcher on a short schedule (at once,
 * then 50 ms and 50 ms, no jitter) that polls every 20 ms, a scripted sender and a running clock.
 */
public final class DeliveryHarness implements AutoCloseable {
    public static final RetrySchedule SHORT_SCHEDULE =
            new RetrySchedule(List.of(Duration.ZERO, Duration.ofMillis(50), Duration.ofMillis(50)), 0);
    public static final Duration WITHIN = Duration.ofSeconds(5);
    public static final Duration A_WHILE = Duration.ofMillis(200);

    public final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    public final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    private final InMemoryTables tables;
    public final InMemoryEventRepository events;
    public final InMemoryDeliveryRepository deliveries;
    /** What the dispatcher sees of the deliveries: the same, but claims can be held and stores slowed. */
    public final TappedDeliveries tap;

    public final ScriptedWebhookSender sender = new ScriptedWebhookSender();
    public final RecordingEngineMetrics metrics = new RecordingEngineMetrics();
    public final RunningClock clock = new RunningClock(START);
    /** The reasons the dispatcher gave, in order, each time it turned a webhook off by itself. */
    public final List<String> autoDisabled = new CopyOnWriteArrayList<>();

    private final AtomicLong conversations = new AtomicLong();
    public final DeliveryDispatcher dispatcher;
    public final IngestEventService ingest;
    public final DeliveryQueries queries;
    public final RedeliverService redeliver;
    public final SendTestEventService sendTest;

    public DeliveryHarness() {
        this(8, Duration.ofMillis(20));
    }

    public DeliveryHarness(int maxInFlightPerEndpoint, Duration pollInterval) {
        this(SHORT_SCHEDULE, maxInFlightPerEndpoint, pollInterval, Duration.ofHours(1));
    }

    /** With this schedule, and webhooks turned off once every attempt has failed for {@code disableAfter}. */
    public DeliveryHarness(RetrySchedule schedule, Duration disableAfter) {
        this(schedule, 8, Duration.ofMillis(20), disableAfter);
    }

    /** With this schedule, and deliveries held for their conversation's order going ahead after {@code orderHold}. */
    public static DeliveryHarness withOrderHold(RetrySchedule schedule, Duration orderHold) {
        return new DeliveryHarness(schedule, 8, Duration.ofMillis(20), Duration.ofHours(1), orderHold);
    }

    private DeliveryHarness(
            RetrySchedule schedule, int maxInFlightPerEndpoint, Duration pollInterval, Duration disableAfter) {
        this(schedule, maxInFlightPerEndpoint, pollInterval, disableAfter, Duration.ofDays(365_000));
    }

    private DeliveryHarness(
            RetrySchedule schedule,
            int maxInFlightPerEndpoint,
            Duration pollInterval,
            Duration disableAfter,
            Duration orderHold) {
        tables = new InMemoryTables(webhooks, orderHold);
        events = new InMemoryEventRepository(tables);
        deliveries = new InMemoryDeliveryRepository(tables);
        tap = new TappedDeliveries(deliveries);
        agents.add(agent(AGENT, WORKSPACE));
        agents.add(agent(SECOND_AGENT, WORKSPACE));
        agents.add(agent(OTHER_WORKSPACES_AGENT, OTHER_WORKSPACE));
        dispatcher = new DeliveryDispatcher(
                tap,
                webhooks,
                sender,
                clock,
                new DispatchSettings(
                        schedule,
                        Duration.ofSeconds(30),
                        pollInterval,
                        100,
                        64,
                        maxInFlightPerEndpoint,
                        100,
                        Duration.ZERO,
                        Duration.ofSeconds(2),
                        disableAfter),
                metrics,
                (workspaceId, webhookId, reason) -> autoDisabled.add(reason));
        ingest = new IngestEventService(webhooks, agents, events, dispatcher, clock, metrics);
        queries = new DeliveryQueries(events, deliveries, webhooks);
        redeliver = new RedeliverService(deliveries, dispatcher, clock);
        sendTest = new SendTestEventService(webhooks, events, dispatcher, clock);
        dispatcher.start();
    }

    public Webhook webhook(
            WorkspaceId workspaceId, AgentId agentId, String url, Secret secret, boolean active, EventType... types) {
        Webhook webhook = Webhook.register(
                workspaceId,
                new WebhookDefinition(
                        new WebhookName("Hook " + url),
                        new WebhookUrl(url),
                        agentId,
                        secret,
                        Subscriptions.of(types),
                        active),
                START);
        webhooks.add(webhook);
        return webhook;
    }

    public Webhook webhook(String url, EventType... types) {
        return webhook(WORKSPACE, AGENT, url, Fixtures.GIVEN_SECRET, true, types);
    }

    public static IngestEventCommand command(AgentId agentId, EventType type, Optional<IdempotencyKey> key) {
        return new IngestEventCommand(
                WORKSPACE,
                type,
                agentId,
                Optional.of(new ConversationId("conv-42")),
                new EventData("{\"summary\":\"the caller booked a table\"}"),
                key);
    }

    /** An event of a conversation of its own, so that no two events of these tests wait for each other's order. */
    public IngestedEvent ingest(EventType type) {
        IngestEventCommand command = command(AGENT, type, Optional.empty());
        return ingest.ingest(new IngestEventCommand(
                command.workspaceId(),
                command.type(),
                command.agentId(),
                Optional.of(new ConversationId("conv-" + conversations.incrementAndGet())),
                command.data(),
                command.idempotencyKey()));
    }

    public AgentEvent event(EventId eventId) {
        return events.find(WORKSPACE, eventId).orElseThrow();
    }

    public List<Delivery> deliveriesOf(EventId eventId) {
        return deliveries.forEvent(WORKSPACE, eventId);
    }

    public Delivery onlyDeliveryOf(EventId eventId) {
        List<Delivery> deliveries = deliveriesOf(eventId);
        if (deliveries.size() != 1) {
            throw new AssertionError("expected one delivery of " + eventId + " but found " + deliveries);
        }
        return deliveries.getFirst();
    }

    public DeliveryDetails details(DeliveryId deliveryId) {
        return queries.get(WORKSPACE, deliveryId);
    }

    @Override
    public void close() {
        sender.release();
        tap.releaseClaims();
        dispatcher.close();
    }

    /** The deliveries as a slow or stalled database would keep them: claims can be held up and stores delayed. */
    public static final class TappedDeliveries implements DeliveryRepository {
        private final InMemoryDeliveryRepository deliveries;
        private volatile Duration recordDelay = Duration.ZERO;
        private volatile boolean down;
        private volatile CountDownLatch claimGate = new CountDownLatch(0);
        private final AtomicInteger claimsWaiting = new AtomicInteger();
        private final List<DeliveryJob> claimed = new CopyOnWriteArrayList<>();
        private final List<DeliveryId> postponed = new CopyOnWriteArrayList<>();
        private final List<Integer> backlogsPostponed = new CopyOnWriteArrayList<>();

        TappedDeliveries(InMemoryDeliveryRepository deliveries) {
            this.deliveries = deliveries;
        }

        /** Until {@link #endOutage()}, claims, renewals and stores fail as with the database down. */
        public void beginOutage() {
            down = true;
        }

        public void endOutage() {
            down = false;
        }

        private void failIfDown() {
            if (down) {
                throw new StorageUnavailableException("the database is down", new java.io.IOException("refused"));
            }
        }

        /** Every later store of attempts first waits {@code delay}. */
        public void delayRecording(Duration delay) {
            recordDelay = delay;
        }

        /** Claims wait, ignoring interrupts as a JDBC call does, until {@link #releaseClaims()}. */
        public void holdClaims() {
            claimGate = new CountDownLatch(1);
        }

        public void releaseClaims() {
            claimGate.countDown();
        }

        public int claimsWaiting() {
            return claimsWaiting.get();
        }

        /** Every job the dispatcher has claimed so far. */
        public List<DeliveryJob> claimed() {
            return List.copyOf(claimed);
        }

        @Override
        public List<DeliveryJob> claimDue(Instant now, Instant leaseUntil, int limit) {
            CountDownLatch gate = claimGate;
            claimsWaiting.incrementAndGet();
            boolean interrupted = false;
            while (true) {
                try {
                    gate.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            claimsWaiting.decrementAndGet();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            failIfDown();
            List<DeliveryJob> jobs = deliveries.claimDue(now, leaseUntil, limit);
            claimed.addAll(jobs);
            return jobs;
        }

        @Override
        public Set<DeliveryId> renewLeases(List<HeldLease> held, Instant until) {
            failIfDown();
            return deliveries.renewLeases(held, until);
        }

        @Override
        public void recordAttempts(List<RecordedAttempt> attempts) {
            try {
                Thread.sleep(recordDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            failIfDown();
            deliveries.recordAttempts(attempts);
        }

        @Override
        public void release(List<DeliveryId> deliveryIds) {
            deliveries.release(deliveryIds);
        }

        @Override
        public void postpone(List<DeliveryId> deliveryIds, Instant dueAt) {
            postponed.addAll(deliveryIds);
            deliveries.postpone(deliveryIds, dueAt);
        }

        @Override
        public int postponeBacklog(Set<WebhookId> webhookIds, Instant now, Instant dueAt) {
            failIfDown();
            int moved = deliveries.postponeBacklog(webhookIds, now, dueAt);
            backlogsPostponed.add(moved);
            return moved;
        }

        /** How many deliveries each backlog postponement moved, in order. */
        public List<Integer> backlogsPostponed() {
            return List.copyOf(backlogsPostponed);
        }

        /** Every delivery the dispatcher has postponed so far (once per postponement). */
        public List<DeliveryId> postponed() {
            return List.copyOf(postponed);
        }

        @Override
        public RequeueResult requeue(Delivery redelivered, Instant now, Instant leaseUntil) {
            return deliveries.requeue(redelivered, now, leaseUntil);
        }

        @Override
        public Optional<Delivery> find(WorkspaceId workspaceId, DeliveryId deliveryId) {
            return deliveries.find(workspaceId, deliveryId);
        }

        @Override
        public List<Delivery> forEvent(WorkspaceId workspaceId, EventId eventId) {
            return deliveries.forEvent(workspaceId, eventId);
        }

        @Override
        public Page<Delivery> list(ListDeliveriesQuery query) {
            return deliveries.list(query);
        }

        @Override
        public List<Attempt> attempts(DeliveryId deliveryId) {
            return deliveries.attempts(deliveryId);
        }

        @Override
        public List<HourlyDeliveryCount> countByHour(
                WorkspaceId workspaceId, WebhookId webhookId, Instant from, Instant until) {
            return deliveries.countByHour(workspaceId, webhookId, from, until);
        }
    }
}
