package org.agenthooks.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.agenthooks.application.port.out.EventRepository;

/**
 * Keeps the outbox from growing for ever: every {@code interval} it deletes the events older than
 * {@code retention} that have nothing pending, with their deliveries, attempts and idempotency keys, a batch at a
 * time. Any number of instances may run it on one database: the purge only deletes, and re-checks what it deletes.
 */
public final class RetentionService implements AutoCloseable {
    /** Shorter, and a key could be forgotten within its window. Pending deliveries are kept whatever the age. */
    public static final Duration SHORTEST_RETENTION = IngestEventService.IDEMPOTENCY_WINDOW;

    static final int BATCH = 1_000;

    private static final System.Logger LOG = System.getLogger(RetentionService.class.getName());

    private final EventRepository events;
    private final Clock clock;
    private final Duration retention;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("outbox-retention").daemon().unstarted(runnable));

    public RetentionService(EventRepository events, Clock clock, Duration retention) {
        this.events = events;
        this.clock = clock;
        this.retention = requireLongEnough(retention);
    }

    /**
     * @throws IllegalArgumentException if {@code retention} is shorter than {@link #SHORTEST_RETENTION}
     */
    public static Duration requireLongEnough(Duration retention) {
        if (retention.compareTo(SHORTEST_RETENTION) < 0) {
            throw new IllegalArgumentException("the retention period must be at least " + SHORTEST_RETENTION
                    + " (an idempotency key's window), was " + retention);
        }
        return retention;
    }

    /** Purges now in the background, then every {@code interval}. */
    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::purgeLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Deletes everything that has outlived the retention period; returns how many events that was. */
    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        int purged;
        do {
            purged = events.purge(cutoff, BATCH);
            total += purged;
        } while (purged == BATCH && !Thread.currentThread().isInterrupted());
        return total;
    }

    /** Stops the schedule, interrupting a purge under way between two batches (each is a transaction of its own). */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void purgeLogged() {
        try {
            int purged = purgeExpired();
            if (purged > 0) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "Deleted " + purged + " events older than " + retention
                                + ", with their deliveries and attempts");
            }
        } catch (RuntimeException e) {
            // The next run tries again; a database that is down right now is no reason to stop the schedule.
            LOG.log(System.Logger.Level.WARNING, "Could not delete expired events; trying again later", e);
        }
    }
}
