package org.agenthooks.application.port.out;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.event.EventId;

/**
 * What an append holds: the new event, or the earlier one its idempotency key already named ({@code repeat}).
 * {@code deliveries} counts the deliveries stored; {@code skipped} are those of the append that were not, because
 * their webhook no longer exists (removed after the caller read it). {@code sequence} is the number the new event
 * got in its conversation (none without a conversation, or for a repeat); {@code held} are the stored deliveries
 * that wait for an earlier event of their conversation to the same webhook, so are not leased to the caller.
 */
public record AppendResult(
        EventId eventId,
        int deliveries,
        boolean repeat,
        Set<DeliveryId> skipped,
        OptionalLong sequence,
        Set<DeliveryId> held) {
    public AppendResult {
        Objects.requireNonNull(eventId, "eventId");
        skipped = Set.copyOf(skipped);
        Objects.requireNonNull(sequence, "sequence");
        held = Set.copyOf(held);
    }

    /** Not numbered, nothing held. */
    public AppendResult(EventId eventId, int deliveries, boolean repeat, Set<DeliveryId> skipped) {
        this(eventId, deliveries, repeat, skipped, OptionalLong.empty(), Set.of());
    }

    /** Nothing skipped. */
    public AppendResult(EventId eventId, int deliveries, boolean repeat) {
        this(eventId, deliveries, repeat, Set.of());
    }
}
