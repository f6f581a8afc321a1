package org.agenthooks.application.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.application.port.out.StorageUnavailableException;

/**
 * Stores finished attempts in batches, one transaction per batch, on one thread: thousands of attempts a second
 * cost a few commits instead of thousands. A batch gathers for a short linger after its first attempt. If the
 * database cannot be reached it keeps the batch and tries again; the deliveries stay leased meanwhile (their leases are renewed by the {@link LeaseHeartbeat}), and if this
 * process dies they are attempted again elsewhere. A batch the database refuses is split until the outcome it
 * refuses stands alone: that one is reported and let go (its lease runs out and the delivery is attempted again),
 * so one bad row never holds up the outcomes behind it.
 */
final class AttemptRecorder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AttemptRecorder.class.getName());
    private static final Duration RETRY_WAIT = Duration.ofMillis(500);

    private final LinkedBlockingQueue<RecordedAttempt> queue = new LinkedBlockingQueue<>();
    private final DeliveryRepository deliveries;
    private final int batchSize;
    private final Consumer<List<RecordedAttempt>> refused;
    private final Consumer<List<RecordedAttempt>> afterStored;
    private final Duration linger;
    private final Duration grace;
    private final Thread writer;
    private volatile boolean closing;

    AttemptRecorder(
            DeliveryRepository deliveries,
            int batchSize,
            Duration linger,
            Duration grace,
            Consumer<List<RecordedAttempt>> refused,
            Consumer<List<RecordedAttempt>> afterStored) {
        this.deliveries = deliveries;
        this.batchSize = batchSize;
        this.linger = linger;
        this.grace = grace;
        this.refused = refused;
        this.afterStored = afterStored;
        this.writer = Thread.ofPlatform().name("attempt-recorder").daemon().unstarted(this::run);
    }

    void start() {
        writer.start();
    }

    void add(RecordedAttempt attempt) {
        queue.add(attempt);
    }

    private void run() {
        List<RecordedAttempt> batch = new ArrayList<>(batchSize);
        while (!closing || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    RecordedAttempt first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    gatherMore(batch);
                }
                store(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not store " + batch.size() + " attempts; trying again", e);
                if (closing) {
                    return;
                }
                sleep(RETRY_WAIT);
            }
        }
    }

    /** Stores the batch, or, if the database refuses it, each half on its own, down to the one it refuses. */
    private void store(List<RecordedAttempt> batch) {
        try {
            deliveries.recordAttempts(batch);
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (RuntimeException refusal) {
            if (batch.size() == 1) {
                RecordedAttempt attempt = batch.getFirst();
                LOG.log(
                        System.Logger.Level.ERROR,
                        "Could not store attempt " + attempt.attempt().number() + " of "
                                + attempt.delivery().id()
                                + "; it is let go, and the delivery will be attempted again when"
                                + " its lease runs out",
                        refusal);
                refused.accept(List.of(attempt));
                return;
            }
            int half = batch.size() / 2;
            store(batch.subList(0, half));
            store(batch.subList(half, batch.size()));
            return;
        }
        afterStored.accept(List.copyOf(batch));
    }

    /**
     * Adds what comes within {@code linger} of the first attempt, up to a full batch. Every commit rewrites the
     * pages it touches, so fewer, larger commits cost less per attempt; nobody waits for these commits.
     */
    private void gatherMore(List<RecordedAttempt> batch) throws InterruptedException {
        long deadline = System.nanoTime() + linger.toNanos();
        queue.drainTo(batch, batchSize - batch.size());
        long left;
        while (batch.size() < batchSize && (left = deadline - System.nanoTime()) > 0) {
            RecordedAttempt next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
                queue.drainTo(batch, batchSize - batch.size());
            }
        }
    }

    /** Stores what is queued, waiting at most {@code grace}. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
