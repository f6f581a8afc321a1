package org.agenthooks.application.port.out;

import java.util.Objects;
import java.util.Set;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.event.EventId;

/**
 * What an append holds: the new event, or the earlier one its idempotency key already named ({@code repeat}).
 * {@code deliveries} counts the deliveries stored; {@code skipped} are those of the append that were not, because
 * their webhook no longer exists (removed after the caller read it).
 */
public record AppendResult(EventId eventId, int deliveries, boolean repeat, Set<DeliveryId> skipped) {
    public AppendResult {
        Objects.requireNonNull(eventId, "eventId");
        skipped = Set.copyOf(skipped);
    }

    /** Nothing skipped. */
    public AppendResult(EventId eventId, int deliveries, boolean repeat) {
        this(eventId, deliveries, repeat, Set.of());
    }
}
