package org.agenthooks.application.fakes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenthooks.application.port.out.AttemptOutcome;
import org.agenthooks.application.port.out.EngineMetrics;
import org.agenthooks.domain.event.EventType;

/** Test double of {@link EngineMetrics}: keeps every report so a test can say what the engine reported. */
public final class RecordingEngineMetrics implements EngineMetrics {
    /** One finished attempt as reported. */
    public record FinishedAttempt(AttemptOutcome outcome, Duration took) {}

    private final Map<EventType, AtomicInteger> ingested = new ConcurrentHashMap<>();
    private final List<FinishedAttempt> attempts = new CopyOnWriteArrayList<>();
    private final List<Integer> groupCommits = new CopyOnWriteArrayList<>();
    private final AtomicInteger autoDisabled = new AtomicInteger();
    private final AtomicInteger circuitsOpened = new AtomicInteger();
    private final Map<String, AtomicInteger> busMessages = new ConcurrentHashMap<>();

    @Override
    public void eventIngested(EventType type) {
        ingested.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void attemptFinished(AttemptOutcome outcome, Duration took) {
        attempts.add(new FinishedAttempt(outcome, took));
    }

    @Override
    public void groupCommitted(int appends) {
        groupCommits.add(appends);
    }

    @Override
    public void webhookAutoDisabled() {
        autoDisabled.incrementAndGet();
    }

    @Override
    public void endpointCircuitOpened() {
        circuitsOpened.incrementAndGet();
    }

    @Override
    public void busMessageHandled(String source, BusOutcome outcome) {
        busMessages
                .computeIfAbsent(source + '|' + outcome.label(), key -> new AtomicInteger())
                .incrementAndGet();
    }

    /** How many messages of bus source {@code source} were reported with {@code outcome}. */
    public int busMessages(String source, BusOutcome outcome) {
        AtomicInteger count = busMessages.get(source + '|' + outcome.label());
        return count == null ? 0 : count.get();
    }

    public int circuitsOpened() {
        return circuitsOpened.get();
    }

    public int ingested(EventType type) {
        AtomicInteger count = ingested.get(type);
        return count == null ? 0 : count.get();
    }

    public List<FinishedAttempt> attempts() {
        return List.copyOf(attempts);
    }

    public List<AttemptOutcome> outcomes() {
        return attempts.stream().map(FinishedAttempt::outcome).toList();
    }

    public List<Integer> groupCommits() {
        return List.copyOf(groupCommits);
    }

    public int autoDisabled() {
        return autoDisabled.get();
    }
}
