package org.agenthooks.application.fakes;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.query.ReplayOutcome;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.TraceParent;
import org.agenthooks.domain.webhook.Ordering;
import org.agenthooks.domain.webhook.Webhook;

/**
 * The rows {@link InMemoryEventRepository} and {@link InMemoryDeliveryRepository} share, as the JDBC adapters
 * share the {@code events}, {@code idempotency_keys}, {@code deliveries} and {@code attempts} tables: an append
 * stores deliveries, a claimed job carries its event's payload, a purge takes deliveries along. Both fakes hold
 * its lock for a whole call, as a transaction would: simple, and fast enough for tests.
 */
public final class InMemoryTables {
    record IdempotencyEntry(AppendResult result, Instant at) {}

    final InMemoryWebhookRepository webhooks;
    final Map<EventId, AgentEvent> events = new HashMap<>();
    final Map<EventId, TraceParent> traceParents = new HashMap<>();
    final Map<DeliveryId, Delivery> deliveries = new HashMap<>();
    final Map<DeliveryId, Instant> leases = new HashMap<>();
    final Map<DeliveryId, List<Attempt>> attempts = new HashMap<>();
    final Map<String, IdempotencyEntry> keys = new HashMap<>();
    final Map<String, ReplayKeyUse> replayKeys = new HashMap<>();

    record ReplayKeyUse(ReplayOutcome outcome, Instant at) {}
    /** How long a delivery waits for an earlier event of its conversation before it goes ahead anyway. */
    final Duration orderHold;

    /**
     * Over the webhooks the deliveries go to: like the tables' cascade, a removed webhook takes its along. A
     * delivery waits for an earlier event of its conversation without limit.
     */
    public InMemoryTables(InMemoryWebhookRepository webhooks) {
        this(webhooks, Duration.ofDays(365_000));
    }

    /** Over the webhooks the deliveries go to; a delivery held for its conversation's order goes after {@code orderHold}. */
    public InMemoryTables(InMemoryWebhookRepository webhooks, Duration orderHold) {
        this.webhooks = webhooks;
        this.orderHold = orderHold;
    }

    /** Whether a delivery of an earlier event of {@code delivery}'s conversation to its webhook is pending. */
    boolean waitsForEarlier(Delivery delivery) {
        AgentEvent event = events.get(delivery.eventId());
        if (event == null || event.sequence().isEmpty()) {
            return false;
        }
        boolean ordered = webhooks.find(delivery.workspaceId(), delivery.webhookId())
                .map(Webhook::ordering)
                .filter(ordering -> ordering == Ordering.CONVERSATION)
                .isPresent();
        return ordered
                && deliveries.values().stream()
                        .filter(other -> other.webhookId().equals(delivery.webhookId())
                                && other.status() == DeliveryStatus.PENDING)
                        .map(other -> events.get(other.eventId()))
                        .anyMatch(earlier -> earlier != null
                                && earlier.conversationId().equals(event.conversationId())
                                && earlier.sequence().isPresent()
                                && earlier.sequence().getAsLong()
                                        < event.sequence().getAsLong());
    }

    /** What the tables' ON DELETE CASCADE does when a webhook is removed. */
    void forgetDeliveriesOfRemovedWebhooks() {
        forgetDeliveries(delivery ->
                webhooks.find(delivery.workspaceId(), delivery.webhookId()).isEmpty());
    }

    /** Removes the deliveries that match, with their leases and attempts, as the tables' cascade does. */
    void forgetDeliveries(Predicate<Delivery> which) {
        for (Iterator<Delivery> all = deliveries.values().iterator(); all.hasNext(); ) {
            Delivery delivery = all.next();
            if (which.test(delivery)) {
                all.remove();
                leases.remove(delivery.id());
                attempts.remove(delivery.id());
            }
        }
    }
}
