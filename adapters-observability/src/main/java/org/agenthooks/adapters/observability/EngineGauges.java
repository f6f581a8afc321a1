package org.agenthooks.adapters.observability;

import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;
import org.agenthooks.application.port.out.Backlog;
import org.agenthooks.application.port.out.DeliveryBacklog;

/**
 * The gauges read when Prometheus scrapes: attempts in flight (from the dispatcher, free), and the backlog of
 * pending deliveries and the age of the oldest, from one database query made at most once per {@code refresh}
 * however often it is scraped. If the query fails, the gauges keep the last sample (NaN before the first), and the
 * scrape still answers.
 */
public final class EngineGauges {
    private static final System.Logger LOG = System.getLogger(EngineGauges.class.getName());
    static final String PENDING = "webhooks.deliveries.pending";
    static final String OLDEST_PENDING_AGE = "webhooks.deliveries.oldest.pending.age";
    static final String IN_FLIGHT = "webhooks.delivery.attempts.in.flight";
    static final String OPEN_ENDPOINTS = "webhooks.endpoints.open";

    private final DeliveryBacklog backlog;
    private final Duration refresh;
    private final Clock clock;
    private Backlog sample;
    private Instant sampledAt = Instant.MIN;

    private EngineGauges(DeliveryBacklog backlog, Duration refresh, Clock clock) {
        this.backlog = backlog;
        this.refresh = refresh;
        this.clock = clock;
    }

    /**
     * Registers the gauges, in place of any registered before (by an earlier service in the same JVM, whose
     * backlog may be closed): a gauge is bound to what it reads when it is made.
     */
    public static void register(
            MeterRegistry registry,
            DeliveryBacklog backlog,
            Duration refresh,
            IntSupplier attemptsInFlight,
            Clock clock) {
        EngineGauges gauges = new EngineGauges(backlog, refresh, clock);
        List<String> names = List.of(PENDING, OLDEST_PENDING_AGE, IN_FLIGHT);
        List<Meter> earlier =
                List.copyOf(registry.meters(meter -> names.contains(meter.id().name())));
        earlier.forEach(registry::remove);
        registry.getOrCreate(Gauge.builder(PENDING, gauges, EngineGauges::pending)
                .description("Pending deliveries of active webhooks (sampled, not counted on every scrape)"));
        registry.getOrCreate(Gauge.builder(OLDEST_PENDING_AGE, gauges, EngineGauges::oldestPendingAge)
                .baseUnit("seconds")
                .description("How long the oldest pending delivery of an active webhook has existed; 0 if none"));
        registry.getOrCreate(Gauge.builder(IN_FLIGHT, attemptsInFlight, IntSupplier::getAsInt)
                .description("Delivery attempts waiting for their receiver's answer now"));
    }

    /**
     * Registers the gauge of endpoints whose circuit is open or half-open on this instance, in place of any earlier
     * one. One number, not one gauge per endpoint: endpoints are unbounded, and each would be a time series.
     */
    public static void registerOpenEndpoints(MeterRegistry registry, IntSupplier openEndpoints) {
        List.copyOf(registry.meters(meter -> meter.id().name().equals(OPEN_ENDPOINTS)))
                .forEach(registry::remove);
        registry.getOrCreate(Gauge.builder(OPEN_ENDPOINTS, openEndpoints, IntSupplier::getAsInt)
                .description("Receiving endpoints whose circuit is open or half-open on this instance now"));
    }

    private double pending() {
        Backlog current = current();
        return current == null ? Double.NaN : current.pending();
    }

    private double oldestPendingAge() {
        Backlog current = current();
        return current == null ? Double.NaN : current.oldestAge(clock.instant()).toMillis() / 1000.0;
    }

    private synchronized Backlog current() {
        Instant now = clock.instant();
        if (sample == null || !now.isBefore(sampledAt.plus(refresh))) {
            try {
                sample = backlog.backlog();
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Could not sample the delivery backlog; keeping the last sample",
                        e);
            }
            // Also after a failure: a database that is down is not asked again on every scrape.
            sampledAt = now;
        }
        return sample;
    }
}
