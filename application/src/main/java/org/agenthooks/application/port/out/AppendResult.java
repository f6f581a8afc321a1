package org.agenthooks.application.port.out;

import java.util.Objects;
import org.agenthooks.domain.event.EventId;

/** What an append holds: the new event, or the earlier one its idempotency key already named ({@code repeat}). */
public record AppendResult(EventId eventId, int deliveries, boolean repeat) {
    public AppendResult {
        Objects.requireNonNull(eventId, "eventId");
    }
}
