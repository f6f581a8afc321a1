package org.agenthooks.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.IdempotencyKey;

/**
 * An event to append with its deliveries. The deliveries start leased to this process until {@code leasedUntil},
 * because it attempts them at once; another process takes them over only if that lease runs out. An
 * idempotency key used at or after {@code keyNotBefore} makes the append a no-op that returns the first outcome.
 */
public record NewEvent(
        AgentEvent event,
        Optional<IdempotencyKey> idempotencyKey,
        Instant keyNotBefore,
        List<Delivery> deliveries,
        Instant leasedUntil) {
    public NewEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(keyNotBefore, "keyNotBefore");
        deliveries = List.copyOf(deliveries);
        Objects.requireNonNull(leasedUntil, "leasedUntil");
    }
}
