package org.agenthooks.application.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.agenthooks.application.port.in.EndpointHealth;
import org.agenthooks.application.port.out.AttemptOutcome;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.EngineMetrics;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.application.port.out.Tracing;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.application.port.out.WebhookSender;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.WebhookHeaders;
import org.agenthooks.domain.event.TraceParent;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.webhook.WebhookId;

/**
 * Attempts deliveries: new ones the moment their event is committed (handed over by the ingest), retries and
 * those of dead processes when a poll finds them due. Each attempt runs on a virtual thread, within a global
 * limit and its endpoint's lane; outcomes are stored in batches. Each attempt is an {@code attempt} span in its
 * event's trace, and (when tracing propagates) tells the receiver that trace in a {@code traceparent} header.
 */
public final class DeliveryDispatcher implements EndpointHealthSource, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DeliveryDispatcher.class.getName());
    /** How long close() waits for the attempts it interrupted to hand their deliveries back. */
    private static final Duration INTERRUPTED_ATTEMPTS_END = Duration.ofSeconds(1);

    private final DeliveryRepository deliveries;
    private final WebhookSender sender;
    private final Clock clock;
    private final DispatchSettings settings;
    private final EngineMetrics metrics;
    private final Tracing tracing;
    private final Semaphore slots;
    private final EndpointLanes lanes;
    private final Postponements postponements;
    private final AttemptRecorder recorder;
    private final WebhookHealth health;
    private final CurrentWebhooks currentWebhooks;
    /** The deliveries this process holds, from hand-over until their outcome is stored, and their leases. */
    private final LeaseHeartbeat leases;

    private final ExecutorService attempts = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("delivery-", 0).factory());
    /**
     * Jobs a lane started after shutdown began, and attempts that shutdown cut short; handed back with the lanes'
     * waiting ones.
     */
    private final Queue<DeliveryJob> handBack = new ConcurrentLinkedQueue<>();

    private record BacklogHold(Set<WebhookId> webhookIds, Instant until) {}

    /**
     * Backlogs to move before the next claim: the poller moves them itself, so that once an endpoint is held its
     * backlog is never claimed (only to be postponed) by a claim that ran before the move.
     */
    private final Queue<BacklogHold> backlogHolds = new ConcurrentLinkedQueue<>();

    private final Thread poller;
    private volatile boolean running;

    public DeliveryDispatcher(
            DeliveryRepository deliveries,
            WebhookRepository webhooks,
            WebhookSender sender,
            Clock clock,
            DispatchSettings settings,
            EngineMetrics metrics,
            AutoDisableListener autoDisabled) {
        this(deliveries, webhooks, sender, clock, settings, metrics, autoDisabled, Tracing.none());
    }

    public DeliveryDispatcher(
            DeliveryRepository deliveries,
            WebhookRepository webhooks,
            WebhookSender sender,
            Clock clock,
            DispatchSettings settings,
            EngineMetrics metrics,
            AutoDisableListener autoDisabled,
            Tracing tracing) {
        this.deliveries = deliveries;
        this.tracing = tracing;
        this.sender = sender;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
        this.slots = new Semaphore(settings.maxInFlight());
        this.health = new WebhookHealth(webhooks, clock, settings.disableAfter(), autoDisabled);
        this.currentWebhooks = new CurrentWebhooks(webhooks, clock);
        this.leases = new LeaseHeartbeat(deliveries, clock, settings.lease());
        this.postponements = new Postponements(deliveries, settings.shutdownGrace());
        this.lanes = new EndpointLanes(
                settings.maxInFlightPerEndpoint(),
                settings.schedule(),
                clock,
                this::startAttempt,
                this::postpone,
                metrics::endpointCircuitOpened,
                (webhookIds, until) -> backlogHolds.add(new BacklogHold(webhookIds, until)));
        this.recorder = new AttemptRecorder(
                deliveries,
                settings.recordBatch(),
                settings.recordLinger(),
                settings.shutdownGrace(),
                this::outcomesSettled,
                batch -> {
                    outcomesSettled(batch);
                    health.afterStored(batch);
                });
        this.poller = Thread.ofPlatform().name("delivery-poller").daemon().unstarted(this::pollLoop);
    }

    public void start() {
        running = true;
        recorder.start();
        postponements.start();
        leases.start();
        poller.start();
    }

    /**
     * Hands over deliveries this process has just leased (until {@link #leaseUntil()}, asked at most a quarter of a
     * lease ago); each is attempted once per lease, however often handed. Their leases are renewed until their
     * outcomes are stored ({@link LeaseHeartbeat}); an attempt starts only while its lease is good for half a lease
     * more, so that (with an attempt timeout under half the lease) it ends before another process may take the
     * delivery over. One whose lease could not be kept is dropped here and claimed again later, by whichever process
     * comes first.
     */
    public void submit(List<DeliveryJob> jobs) {
        submit(jobs, leaseUntil());
    }

    private void submit(List<DeliveryJob> jobs, Instant leasedUntil) {
        for (DeliveryJob job : jobs) {
            if (leases.hold(job.delivery().id(), job.delivery().attempts(), leasedUntil)) {
                lanes.offer(job);
            }
        }
    }

    /** How many attempts are running now (holding one of the {@code maxInFlight} slots). */
    public int attemptsInFlight() {
        return settings.maxInFlight() - slots.availablePermits();
    }

    @Override
    public Optional<EndpointHealth> endpointHealth(String origin) {
        return lanes.endpointHealth(origin);
    }

    /** How many endpoints' circuits are open or half-open now (on this instance). */
    public int openEndpoints() {
        return lanes.openEndpoints();
    }

    /** Jobs of an endpoint that may not be tried now: no longer held here, due again at {@code dueAt}. */
    private void postpone(List<DeliveryJob> jobs, Instant dueAt) {
        jobs.forEach(job -> leases.letGo(job.delivery().id()));
        postponements.add(jobs.stream().map(job -> job.delivery().id()).toList(), dueAt);
    }

    /** When the lease of what this process holds should end, from now. */
    public Instant leaseUntil() {
        return clock.instant().plus(settings.lease());
    }

    private void pollLoop() {
        while (running) {
            int claimed = 0;
            try {
                holdBacklogs();
                int room = settings.maxInFlight() * 2 - leases.size();
                if (room > 0) {
                    Instant now = clock.instant();
                    Instant leasedUntil = now.plus(settings.lease());
                    List<DeliveryJob> due =
                            deliveries.claimDue(now, leasedUntil, Math.min(room, settings.claimBatch()));
                    claimed = due.size();
                    submit(due, leasedUntil);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Polling for due deliveries failed; polling again shortly", e);
            }
            if (claimed < settings.claimBatch()) {
                pause();
            }
        }
    }

    /**
     * Moves the stored backlog of each endpoint that became held since the last poll to when it may be tried: one
     * statement per endpoint instead of claiming its backlog (500 a poll, payloads and all) only to write it back.
     * If the move fails, those deliveries are claimed and postponed one by one, as before.
     */
    private void holdBacklogs() {
        BacklogHold hold;
        while ((hold = backlogHolds.poll()) != null) {
            Instant now = clock.instant();
            if (hold.until().isAfter(now)) {
                try {
                    deliveries.postponeBacklog(hold.webhookIds(), now, hold.until());
                } catch (RuntimeException e) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "A held endpoint's backlog could not be postponed; its deliveries are postponed as"
                                    + " they are claimed",
                            e);
                }
            }
        }
    }

    /** Runs the job's attempt on its own virtual thread; once shutting down, keeps it to hand back instead. */
    private void startAttempt(DeliveryJob job) {
        try {
            attempts.execute(() -> attempt(job));
        } catch (RejectedExecutionException shuttingDown) {
            // A lane started its next job just after close() drained the lanes.
            handBack.add(job);
        }
    }

    private void attempt(DeliveryJob claimed) {
        DeliveryJob job = claimed;
        boolean acquired = false;
        Instant started = clock.instant();
        AttemptResult result = null;
        try {
            slots.acquire();
            acquired = true;
            started = clock.instant();
            if (!leases.mayStart(job.delivery().id())) {
                return;
            }
            Optional<DeliveryJob> current = currentWebhooks.current(claimed);
            if (current.isEmpty()) {
                // Paused or deleted since the claim: not sent; claimed again (if ever) once the lease runs out.
                leases.letGo(job.delivery().id());
                return;
            }
            job = current.get();
            started = clock.instant();
            result = send(job, started);
            Delivery next = job.delivery()
                    .after(
                            result,
                            settings.schedule(),
                            Timestamps.now(clock),
                            () -> ThreadLocalRandom.current().nextDouble());
            metrics.attemptFinished(AttemptOutcome.of(result, next), result.took());
            leases.awaitOutcome(next.id(), next.attempts());
            recorder.add(new RecordedAttempt(
                    next, new Attempt(next.id(), next.attempts(), Timestamps.micros(started), result)));
        } catch (InterruptedException e) {
            // Only close() interrupts attempts: cut short by our own stop, the attempt is no failure of the
            // receiver's, so nothing is recorded and the delivery is handed back.
            Thread.currentThread().interrupt();
            leases.letGo(job.delivery().id());
            handBack.add(job);
        } catch (Throwable e) {
            // Whatever it was (an Error too): still held, the delivery would never be taken up again here.
            leases.letGo(job.delivery().id());
            LOG.log(
                    System.Logger.Level.ERROR,
                    "Attempt of " + job.delivery().id() + " failed unexpectedly; its"
                            + " lease will run out and it will be attempted again",
                    e);
        } finally {
            if (acquired) {
                slots.release();
            }
            lanes.finished(claimed, started, result);
        }
    }

    /** Signs and sends the job's attempt, as an attempt span of its event's trace. */
    private AttemptResult send(DeliveryJob job, Instant at) throws InterruptedException {
        Delivery delivery = job.delivery();
        try (Tracing.Span span = tracing.start(Tracing.Step.ATTEMPT, job.traceParent())) {
            span.attribute(Tracing.WEBHOOK_ID, delivery.webhookId().value())
                    .attribute(Tracing.DELIVERY_ID, delivery.id().value())
                    .attribute(Tracing.ATTEMPT_NUMBER, delivery.attempts() + 1L);
            WebhookHeaders signed =
                    WebhookHeaders.signed(job.secrets(), delivery.eventId().value(), at, job.payload());
            Map<String, String> headers = OrderHeaders.of(job, signed);
            if (tracing.propagates()) {
                headers = new HashMap<>(headers);
                headers.put(TraceParent.HEADER, span.context().toString());
            }
            AttemptResult result = sender.send(new OutboundRequest(job.url(), headers, job.payload()));
            if (result.statusCode().isPresent()) {
                int code = result.statusCode().get();
                span.attribute(Tracing.STATUS_CODE, code);
                if (!result.succeeded()) {
                    span.failed("HTTP " + code);
                }
            } else if (result.error().isPresent()) {
                span.failed(result.error().get());
            }
            return result;
        }
    }

    /**
     * Stops holding the batch's deliveries once their outcomes are stored (or refused): until then their leases are
     * renewed, so that however long the database is away, no process attempts them again meanwhile.
     */
    private void outcomesSettled(List<RecordedAttempt> batch) {
        batch.forEach(recorded -> leases.outcomeSettled(
                recorded.delivery().id(), recorded.attempt().number()));
    }

    private void pause() {
        try {
            Thread.sleep(settings.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Stops taking work, lets running attempts finish within the grace period, stores their outcomes, and hands
     * back (releases) what had not started and what the end of the grace period cut short, so nothing is lost and
     * no attempt is spent on our own stop.
     */
    @Override
    public void close() {
        running = false;
        poller.interrupt();
        try {
            // A poll under way may still hand over what it claimed; it must land before the lanes are drained.
            poller.join(settings.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<DeliveryJob> toHandBack = new ArrayList<>(lanes.drainWaiting());
        attempts.shutdown();
        try {
            if (!attempts.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                attempts.shutdownNow();
                if (!attempts.awaitTermination(INTERRUPTED_ATTEMPTS_END.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "Attempts still running after being interrupted; their deliveries will be attempted"
                                    + " again when their lease runs out");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recorder.close();
        postponements.close();
        leases.close();
        toHandBack.addAll(handBack);
        if (!toHandBack.isEmpty()) {
            try {
                deliveries.release(
                        toHandBack.stream().map(job -> job.delivery().id()).toList());
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        toHandBack.size() + " deliveries could not be handed back; they"
                                + " will be attempted when their lease runs out",
                        e);
            }
        }
    }
}
