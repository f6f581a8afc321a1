package org.agenthooks.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.event.TraceParent;

/**
 * An event to append with its deliveries. The deliveries start leased to this process until {@code leasedUntil},
 * because it attempts them at once; another process takes them over only if that lease runs out. An
 * idempotency key used at or after {@code keyNotBefore} makes the append a no-op that returns the first outcome.
 * {@code traceParent} is stored with the event, so that each attempt of its deliveries, whoever claims it, joins
 * its trace.
 */
public record NewEvent(
        AgentEvent event,
        Optional<IdempotencyKey> idempotencyKey,
        Instant keyNotBefore,
        List<Delivery> deliveries,
        Instant leasedUntil,
        Optional<TraceParent> traceParent) {
    public NewEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(keyNotBefore, "keyNotBefore");
        deliveries = List.copyOf(deliveries);
        Objects.requireNonNull(leasedUntil, "leasedUntil");
        Objects.requireNonNull(traceParent, "traceParent");
    }

    /** An event of no trace. */
    public NewEvent(
            AgentEvent event,
            Optional<IdempotencyKey> idempotencyKey,
            Instant keyNotBefore,
            List<Delivery> deliveries,
            Instant leasedUntil) {
        this(event, idempotencyKey, keyNotBefore, deliveries, leasedUntil, Optional.empty());
    }
}
