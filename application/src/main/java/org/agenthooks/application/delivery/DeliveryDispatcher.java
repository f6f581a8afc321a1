package org.agenthooks.application.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.agenthooks.application.port.out.AttemptOutcome;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.EngineMetrics;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.application.port.out.WebhookSender;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.WebhookHeaders;
import org.agenthooks.domain.shared.Timestamps;

/**
 * Attempts deliveries: new ones the moment their event is committed (handed over by the ingest), retries and
 * those of dead processes when a poll finds them due. Each attempt runs on a virtual thread, within a global
 * limit and its endpoint's lane; outcomes are stored in batches.
 */
public final class DeliveryDispatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DeliveryDispatcher.class.getName());
    /** How long close() waits for the attempts it interrupted to hand their deliveries back. */
    private static final Duration INTERRUPTED_ATTEMPTS_END = Duration.ofSeconds(1);

    private final DeliveryRepository deliveries;
    private final WebhookSender sender;
    private final Clock clock;
    private final DispatchSettings settings;
    private final EngineMetrics metrics;
    private final Semaphore slots;
    private final EndpointLanes lanes;
    private final AttemptRecorder recorder;
    private final WebhookHealth health;
    /** The deliveries this process holds, each with the time by which its attempt must start. */
    private final Map<DeliveryId, Instant> inProcess = new ConcurrentHashMap<>();

    private final ExecutorService attempts = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("delivery-", 0).factory());
    /**
     * Jobs a lane started after shutdown began, and attempts that shutdown cut short; handed back with the lanes'
     * waiting ones.
     */
    private final Queue<DeliveryJob> handBack = new ConcurrentLinkedQueue<>();

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
        this.deliveries = deliveries;
        this.sender = sender;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
        this.slots = new Semaphore(settings.maxInFlight());
        this.health = new WebhookHealth(webhooks, clock, settings.disableAfter(), autoDisabled);
        this.lanes = new EndpointLanes(settings.maxInFlightPerEndpoint(), this::startAttempt);
        this.recorder = new AttemptRecorder(
                deliveries,
                settings.recordBatch(),
                settings.recordLinger(),
                settings.shutdownGrace(),
                this::forgetInProcess,
                health::afterStored);
        this.poller = Thread.ofPlatform().name("delivery-poller").daemon().unstarted(this::pollLoop);
    }

    public void start() {
        running = true;
        recorder.start();
        poller.start();
    }

    /**
     * Hands over deliveries this process has just leased; each is attempted once per lease, however often handed.
     * An attempt starts only within the first half of its lease, so that (with an attempt timeout under half the
     * lease) it ends before another process may take the delivery over: one waiting longer in a busy lane is
     * dropped here and claimed again later, by whichever process comes first.
     */
    public void submit(List<DeliveryJob> jobs) {
        Instant startBy = clock.instant().plus(settings.lease().dividedBy(2));
        for (DeliveryJob job : jobs) {
            if (inProcess.putIfAbsent(job.delivery().id(), startBy) == null) {
                lanes.offer(job);
            }
        }
    }

    /** How many attempts are running now (holding one of the {@code maxInFlight} slots). */
    public int attemptsInFlight() {
        return settings.maxInFlight() - slots.availablePermits();
    }

    /** When the lease of what this process holds should end, from now. */
    public Instant leaseUntil() {
        return clock.instant().plus(settings.lease());
    }

    private void pollLoop() {
        while (running) {
            int claimed = 0;
            try {
                int room = settings.maxInFlight() * 2 - inProcess.size();
                if (room > 0) {
                    Instant now = clock.instant();
                    List<DeliveryJob> due =
                            deliveries.claimDue(now, now.plus(settings.lease()), Math.min(room, settings.claimBatch()));
                    claimed = due.size();
                    submit(due);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Polling for due deliveries failed; polling again shortly", e);
            }
            if (claimed < settings.claimBatch()) {
                pause();
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

    private void attempt(DeliveryJob job) {
        boolean acquired = false;
        try {
            slots.acquire();
            acquired = true;
            Instant started = clock.instant();
            Instant startBy = inProcess.get(job.delivery().id());
            if (startBy == null || started.isAfter(startBy)) {
                inProcess.remove(job.delivery().id());
                return;
            }
            WebhookHeaders headers = WebhookHeaders.signed(
                    job.secrets(), job.delivery().eventId().value(), started, job.payload());
            AttemptResult result =
                    sender.send(new OutboundRequest(job.url(), OrderHeaders.of(job, headers), job.payload()));
            Delivery next = job.delivery()
                    .after(
                            result,
                            settings.schedule(),
                            Timestamps.now(clock),
                            () -> ThreadLocalRandom.current().nextDouble());
            metrics.attemptFinished(AttemptOutcome.of(result, next), result.took());
            recorder.add(new RecordedAttempt(
                    next, new Attempt(next.id(), next.attempts(), Timestamps.micros(started), result)));
        } catch (InterruptedException e) {
            // Only close() interrupts attempts: cut short by our own stop, the attempt is no failure of the
            // receiver's, so nothing is recorded and the delivery is handed back.
            Thread.currentThread().interrupt();
            inProcess.remove(job.delivery().id());
            handBack.add(job);
        } catch (Throwable e) {
            // Whatever it was (an Error too): left in inProcess, the delivery would never be taken up again here.
            inProcess.remove(job.delivery().id());
            LOG.log(
                    System.Logger.Level.ERROR,
                    "Attempt of " + job.delivery().id() + " failed unexpectedly; its"
                            + " lease will run out and it will be attempted again",
                    e);
        } finally {
            if (acquired) {
                slots.release();
            }
            lanes.finished(job);
        }
    }

    /**
     * Forgets the batch's deliveries before their outcomes are stored: until that commit their leases keep the
     * poller off them, and right after it a due retry must not be mistaken for one still in process.
     */
    private void forgetInProcess(List<RecordedAttempt> batch) {
        batch.forEach(recorded -> inProcess.remove(recorded.delivery().id()));
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
