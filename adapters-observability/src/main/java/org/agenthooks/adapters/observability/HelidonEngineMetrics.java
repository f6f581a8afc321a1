package org.agenthooks.adapters.observability;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionStatisticsConfig;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.agenthooks.application.port.out.AttemptOutcome;
import org.agenthooks.application.port.out.EngineMetrics;
import org.agenthooks.domain.event.EventType;

/**
 * The engine's reports as Helidon meters (Micrometer underneath), scraped as Prometheus text: counters end in
 * {@code _total}, durations are histograms in seconds. Every meter is made once, up front, so reporting is a
 * lookup and an increment.
 */
public final class HelidonEngineMetrics implements EngineMetrics {
    static final String EVENTS_INGESTED = "webhooks.events.ingested";
    static final String ATTEMPTS = "webhooks.delivery.attempts";
    static final String ATTEMPT_DURATION = "webhooks.delivery.attempt.duration";
    static final String COMMIT_SIZE = "webhooks.outbox.commit.size";
    static final String AUTO_DISABLED = "webhooks.auto.disabled";
    static final String CIRCUITS_OPENED = "webhooks.endpoint.circuits.opened";
    static final String BUS_MESSAGES = "webhooks.bus.messages";
    /** Up to the longest attempt a receiver can take (the attempt timeout is 15 s by default). */
    private static final Duration[] ATTEMPT_BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(15),
        Duration.ofSeconds(30)
    };
    /** Up to the committer's largest batch. */
    private static final double[] COMMIT_BUCKETS = {1, 2, 5, 10, 20, 50, 100, 200};

    private final Map<EventType, Counter> ingested = new EnumMap<>(EventType.class);
    private final Map<AttemptOutcome, Counter> attempts = new EnumMap<>(AttemptOutcome.class);
    private final Timer attemptDuration;
    private final DistributionSummary commitSize;
    private final Counter autoDisabled;
    private final Counter circuitsOpened;
    private final MeterRegistry registry;
    /** Sources are known only when they start, so their counters are made on first use and kept. */
    private final Map<String, Counter> busMessages = new ConcurrentHashMap<>();

    public HelidonEngineMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (EventType type : EventType.values()) {
            ingested.put(
                    type,
                    registry.getOrCreate(Counter.builder(EVENTS_INGESTED)
                            .description("Events committed with their deliveries, by type")
                            .addTag(Tag.create("type", type.wireName()))));
        }
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            attempts.put(
                    outcome,
                    registry.getOrCreate(Counter.builder(ATTEMPTS)
                            .description("Delivery attempts by what they led to: succeeded, retried (an attempt"
                                    + " is left), failed (the schedule is spent) or gone (the receiver said 410)")
                            .addTag(Tag.create("outcome", outcome.label()))));
        }
        attemptDuration = registry.getOrCreate(Timer.builder(ATTEMPT_DURATION)
                .description("How long delivery attempts took, connect to answer")
                .buckets(ATTEMPT_BUCKETS));
        commitSize = registry.getOrCreate(DistributionSummary.builder(
                        COMMIT_SIZE, DistributionStatisticsConfig.builder().buckets(COMMIT_BUCKETS))
                .description("Events committed per outbox transaction (group commit)"));
        autoDisabled = registry.getOrCreate(
                Counter.builder(AUTO_DISABLED).description("Webhooks the service turned off by itself"));
        circuitsOpened = registry.getOrCreate(Counter.builder(CIRCUITS_OPENED)
                .description("Times an endpoint's circuit opened because its attempts kept getting no answer"));
    }

    @Override
    public void eventIngested(EventType type) {
        ingested.get(type).increment();
    }

    @Override
    public void attemptFinished(AttemptOutcome outcome, Duration took) {
        attempts.get(outcome).increment();
        attemptDuration.record(took);
    }

    @Override
    public void groupCommitted(int appends) {
        commitSize.record(appends);
    }

    @Override
    public void webhookAutoDisabled() {
        autoDisabled.increment();
    }

    @Override
    public void endpointCircuitOpened() {
        circuitsOpened.increment();
    }

    @Override
    public void busMessageHandled(String source, BusOutcome outcome) {
        busMessages
                .computeIfAbsent(
                        source + '|' + outcome.label(),
                        key -> registry.getOrCreate(Counter.builder(BUS_MESSAGES)
                                .description(
                                        "Messages taken from a bus source, by what became of them: accepted, refused"
                                                + " (dead-lettered) or retried (handed back to come again)")
                                .addTag(Tag.create("source", source))
                                .addTag(Tag.create("outcome", outcome.label()))))
                .increment();
    }
}
