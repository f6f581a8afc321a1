package org.agenthooks.application.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.domain.delivery.DeliveryId;

/**
 * Hands deliveries back to the store with a later due time (those of a paused endpoint or one whose circuit is
 * open), in batches on a thread of its own, so neither the ingest nor an attempt waits for that write. If a write
 * fails the leases still run out, and the deliveries are claimed again then.
 */
final class Postponements implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Postponements.class.getName());
    private static final int BATCH = 1_000;
    private static final Duration IDLE_CHECK = Duration.ofMillis(100);

    private record Postponed(DeliveryId id, Instant dueAt) {}

    private final LinkedBlockingQueue<Postponed> queue = new LinkedBlockingQueue<>();
    private final DeliveryRepository deliveries;
    private final Duration closeGrace;
    private final Thread writer;
    private volatile boolean running;

    Postponements(DeliveryRepository deliveries, Duration closeGrace) {
        this.deliveries = deliveries;
        this.closeGrace = closeGrace;
        this.writer = Thread.ofPlatform().name("delivery-postponer").daemon().unstarted(this::writeLoop);
    }

    void start() {
        running = true;
        writer.start();
    }

    void add(List<DeliveryId> ids, Instant dueAt) {
        if (!running) {
            write(ids.stream().map(id -> new Postponed(id, dueAt)).toList());
            return;
        }
        ids.forEach(id -> queue.add(new Postponed(id, dueAt)));
    }

    private void writeLoop() {
        while (running || !queue.isEmpty()) {
            try {
                Postponed first = queue.poll(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Postponed> batch = new ArrayList<>();
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<Postponed> batch) {
        Map<Instant, List<DeliveryId>> byDueTime = new LinkedHashMap<>();
        batch.forEach(postponed -> byDueTime
                .computeIfAbsent(postponed.dueAt(), due -> new ArrayList<>())
                .add(postponed.id()));
        byDueTime.forEach((dueAt, ids) -> {
            try {
                deliveries.postpone(ids, dueAt);
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        ids.size() + " deliveries could not be postponed; they will be attempted when their lease"
                                + " runs out",
                        e);
            }
        });
    }

    /** Writes what is queued (within the grace period), then writes further postponements at once. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(closeGrace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
