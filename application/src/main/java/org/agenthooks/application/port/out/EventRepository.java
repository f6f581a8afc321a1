package org.agenthooks.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Port: the transactional outbox of ingested events and their deliveries. */
public interface EventRepository {
    /**
     * Stores the event and all its deliveries in one transaction that is durable when this returns (a crash right
     * after loses nothing), or stores nothing when the idempotency key was used within its window. An event of a
     * conversation is numbered in that transaction, next after the last number of its (workspace, conversation),
     * across every process sharing the store. A delivery to a webhook ordered by conversation whose conversation has
     * a delivery of an earlier event to that webhook still pending is stored without a lease, and reported held.
     */
    default AppendResult append(NewEvent event) {
        return appendAll(List.of(event)).getFirst();
    }

    /**
     * Appends each event as {@link #append} does, all in ONE transaction that is durable when this returns (all of
     * them or none): one result each, in their order. An event whose idempotency key an earlier one of the list
     * used is a repeat of that one, as if appended after it.
     */
    List<AppendResult> appendAll(List<NewEvent> events);

    Optional<AgentEvent> find(WorkspaceId workspaceId, EventId eventId);

    /**
     * Deletes up to {@code limit} events that occurred before {@code cutoff} and have no pending delivery, together
     * with their deliveries and those deliveries' attempts, oldest first; then the idempotency keys first used
     * before {@code cutoff}. Returns how many events it deleted: fewer than {@code limit} when it found no more
     * (or when a delivery it found was redelivered meanwhile: that event is kept, and a later purge looks again).
     * A conversation none of whose events is left starts its numbering again from 1.
     */
    int purge(Instant cutoff, int limit);
}
