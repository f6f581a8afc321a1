package org.agenthooks.application.port.out;

import java.time.Duration;
import org.agenthooks.domain.event.EventType;

/**
 * Port: what the engine reports as it works, for an operator's metrics. Every method is cheap, never blocks on
 * I/O and never throws, so reporting cannot slow or break the work it reports on.
 */
public interface EngineMetrics {
    /** An event was committed with its deliveries (a repeated idempotency key is not a new event). */
    void eventIngested(EventType type);

    /** An attempt got its answer (or none) after {@code took}, and led to {@code outcome}. */
    void attemptFinished(AttemptOutcome outcome, Duration took);

    /** One transaction committed {@code appends} events together (a group commit of the outbox). */
    void groupCommitted(int appends);

    /** A webhook was turned off by the service itself, not by its owner. */
    void webhookAutoDisabled();

    /** An endpoint's circuit opened: its attempts kept getting no answer (counted per opening, not per endpoint). */
    void endpointCircuitOpened();

    /** What became of a message taken from a bus source: the counter {@code webhooks_bus_messages_total}. */
    enum BusOutcome {
        /** Its event was committed (or was already, under its idempotency key). */
        ACCEPTED,
        /** It can never be ingested and went to the source's dead letters. */
        REFUSED,
        /** It failed for a passing reason and goes back to the broker to come again. */
        RETRIED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A message from bus source {@code source} ({@code nats}, {@code rabbitmq}) was handled. */
    default void busMessageHandled(String source, BusOutcome outcome) {}

    /** Reports nothing: for tests and tools that do not watch the engine. */
    static EngineMetrics none() {
        return NoEngineMetrics.INSTANCE;
    }
}
