package org.agenthooks.application.fakes;

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
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventId;

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
    final Map<DeliveryId, Delivery> deliveries = new HashMap<>();
    final Map<DeliveryId, Instant> leases = new HashMap<>();
    final Map<DeliveryId, List<Attempt>> attempts = new HashMap<>();
    final Map<String, IdempotencyEntry> keys = new HashMap<>();
    final Map<String, ReplayKeyUse> replayKeys = new HashMap<>();

    record ReplayKeyUse(ReplayOutcome outcome, Instant at) {}

    /** Over the webhooks the deliveries go to: like the tables' cascade, a removed webhook takes its along. */
    public InMemoryTables(InMemoryWebhookRepository webhooks) {
        this.webhooks = webhooks;
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
