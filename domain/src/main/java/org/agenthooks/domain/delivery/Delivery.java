package org.agenthooks.domain.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * One event on its way to one webhook: pending until an attempt succeeds, the receiver says 410 Gone, or the
 * retry schedule is spent. Immutable; each attempt yields the next state.
 */
public record Delivery(
        DeliveryId id,
        WorkspaceId workspaceId,
        WebhookId webhookId,
        EventId eventId,
        EventType eventType,
        DeliveryStatus status,
        int attempts,
        Optional<Integer> lastStatusCode,
        Optional<Instant> nextAttemptAt,
        Instant createdAt,
        Instant updatedAt) {
    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastStatusCode, "lastStatusCode");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if ((status == DeliveryStatus.PENDING) != nextAttemptAt.isPresent()) {
            throw new IllegalArgumentException("exactly the pending deliveries have a next attempt");
        }
    }

    /** A new delivery of the event to the webhook, due at once. */
    public static Delivery of(AgentEvent event, WebhookId webhookId, Instant now) {
        return new Delivery(
                DeliveryId.random(),
                event.workspaceId(),
                webhookId,
                event.id(),
                event.type(),
                DeliveryStatus.PENDING,
                0,
                Optional.empty(),
                Optional.of(now),
                now,
                now);
    }

    /** The state after one more attempt ended with {@code result}. */
    public Delivery after(AttemptResult result, RetrySchedule schedule, Instant now, DoubleSupplier random) {
        int made = attempts + 1;
        if (result.succeeded()) {
            return next(DeliveryStatus.SUCCEEDED, made, result, Optional.empty(), now);
        }
        if (result.gone()) {
            return next(DeliveryStatus.FAILED, made, result, Optional.empty(), now);
        }
        return schedule.waitAfter(made, result.retryAfter(), random)
                .map(wait -> next(DeliveryStatus.PENDING, made, result, Optional.of(now.plus(wait)), now))
                .orElseGet(() -> next(DeliveryStatus.FAILED, made, result, Optional.empty(), now));
    }

    /**
     * Due again now, whatever its state. A failed delivery gets one more attempt; a spent schedule stays spent, so
     * if that attempt fails it is failed again.
     */
    public Delivery redeliver(Instant now) {
        return new Delivery(
                id,
                workspaceId,
                webhookId,
                eventId,
                eventType,
                DeliveryStatus.PENDING,
                attempts,
                lastStatusCode,
                Optional.of(now),
                createdAt,
                now);
    }

    private Delivery next(
            DeliveryStatus newStatus, int made, AttemptResult result, Optional<Instant> nextAt, Instant now) {
        return new Delivery(
                id,
                workspaceId,
                webhookId,
                eventId,
                eventType,
                newStatus,
                made,
                result.statusCode(),
                nextAt,
                createdAt,
                now);
    }
}
