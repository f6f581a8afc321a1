package org.agenthooks.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.agenthooks.application.fakes.InMemoryTables.IdempotencyEntry;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.out.EventRepository;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * In-memory fake of {@link EventRepository}, kept honest by the event repository contract test. Its deliveries
 * are those of the {@link InMemoryDeliveryRepository} over the same {@link InMemoryTables}.
 */
public final class InMemoryEventRepository implements EventRepository {
    private final InMemoryTables tables;

    public InMemoryEventRepository(InMemoryTables tables) {
        this.tables = tables;
    }

    /** All in one hold of the tables' lock, so no reader sees part of them: as one transaction. */
    @Override
    public List<AppendResult> appendAll(List<NewEvent> newEvents) {
        synchronized (tables) {
            List<AppendResult> results = new ArrayList<>(newEvents.size());
            newEvents.forEach(newEvent -> results.add(appendOne(newEvent)));
            return results;
        }
    }

    private AppendResult appendOne(NewEvent newEvent) {
        AgentEvent event = newEvent.event();
        Optional<String> key = newEvent.idempotencyKey().map(k -> event.workspaceId() + "/" + k.value());
        if (key.isPresent()) {
            IdempotencyEntry earlier = tables.keys.get(key.get());
            if (earlier != null && !earlier.at().isBefore(newEvent.keyNotBefore())) {
                return new AppendResult(
                        earlier.result().eventId(), earlier.result().deliveries(), true);
            }
        }
        OptionalLong sequence = OptionalLong.empty();
        if (event.conversationId().isPresent()) {
            // As the tables do: next after the highest number of the conversation still stored.
            long next = 1
                    + tables.events.values().stream()
                            .filter(stored -> stored.workspaceId().equals(event.workspaceId())
                                    && stored.conversationId().equals(event.conversationId()))
                            .mapToLong(stored -> stored.sequence().orElse(0))
                            .max()
                            .orElse(0);
            sequence = OptionalLong.of(next);
        }
        tables.events.put(event.id(), sequence.isPresent() ? event.numbered(sequence.getAsLong()) : event);
        newEvent.traceParent().ifPresent(parent -> tables.traceParents.put(event.id(), parent));
        // As the tables do: a delivery to a webhook removed since the caller read it is skipped.
        Set<DeliveryId> skipped = new HashSet<>();
        Set<DeliveryId> held = new HashSet<>();
        for (Delivery delivery : newEvent.deliveries()) {
            if (tables.webhooks
                    .find(delivery.workspaceId(), delivery.webhookId())
                    .isEmpty()) {
                skipped.add(delivery.id());
                continue;
            }
            if (tables.waitsForEarlier(delivery)) {
                held.add(delivery.id());
            } else {
                tables.leases.put(delivery.id(), newEvent.leasedUntil());
            }
            tables.deliveries.put(delivery.id(), delivery);
        }
        AppendResult result = new AppendResult(
                event.id(), newEvent.deliveries().size() - skipped.size(), false, skipped, sequence, held);
        key.ifPresent(k -> tables.keys.put(k, new IdempotencyEntry(result, event.occurredAt())));
        return result;
    }

    @Override
    public Optional<AgentEvent> find(WorkspaceId workspaceId, EventId eventId) {
        synchronized (tables) {
            return Optional.ofNullable(tables.events.get(eventId))
                    .filter(event -> event.workspaceId().equals(workspaceId));
        }
    }

    @Override
    public int purge(Instant cutoff, int limit) {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            List<EventId> purged = tables.events.values().stream()
                    .filter(event -> event.occurredAt().isBefore(cutoff))
                    .filter(event -> tables.deliveries.values().stream()
                            .noneMatch(delivery -> delivery.eventId().equals(event.id())
                                    && delivery.status() == DeliveryStatus.PENDING))
                    .map(AgentEvent::id)
                    .sorted(Comparator.comparing(EventId::value))
                    .limit(limit)
                    .toList();
            purged.forEach(tables.events::remove);
            purged.forEach(tables.traceParents::remove);
            tables.forgetDeliveries(delivery -> purged.contains(delivery.eventId()));
            tables.keys.values().removeIf(entry -> entry.at().isBefore(cutoff));
            return purged.size();
        }
    }
}
