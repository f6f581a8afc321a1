package org.agenthooks.application.fakes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.agenthooks.application.port.query.ListDeliveriesQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.EventRepository;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * In-memory fake of both outbox ports, {@link EventRepository} and {@link DeliveryRepository}, which share
 * their data as the tables do, kept honest by the outbox contract test. Synchronized as a whole: simple, and fast
 * enough for tests. Like the tables' cascade, a removed webhook takes its deliveries and their attempts along.
 */
public final class InMemoryOutbox implements EventRepository, DeliveryRepository {
    private record IdempotencyEntry(AppendResult result, Instant at) {
    }

    private final InMemoryWebhookRepository webhooks;
    private final Map<EventId, AgentEvent> events = new HashMap<>();
    private final Map<DeliveryId, Delivery> deliveries = new HashMap<>();
    private final Map<DeliveryId, Instant> leases = new HashMap<>();
    private final Map<DeliveryId, List<Attempt>> attempts = new HashMap<>();
    private final Map<String, IdempotencyEntry> keys = new HashMap<>();

    public InMemoryOutbox(InMemoryWebhookRepository webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public synchronized AppendResult append(NewEvent newEvent) {
        AgentEvent event = newEvent.event();
        Optional<String> key = newEvent.idempotencyKey().map(k -> event.workspaceId() + "/" + k.value());
        if (key.isPresent()) {
            IdempotencyEntry earlier = keys.get(key.get());
            if (earlier != null && !earlier.at().isBefore(newEvent.keyNotBefore())) {
                return new AppendResult(earlier.result().eventId(), earlier.result().deliveries(), true);
            }
        }
        events.put(event.id(), event);
        for (Delivery delivery : newEvent.deliveries()) {
            deliveries.put(delivery.id(), delivery);
            leases.put(delivery.id(), newEvent.leasedUntil());
        }
        AppendResult result = new AppendResult(event.id(), newEvent.deliveries().size(), false);
        key.ifPresent(k -> keys.put(k, new IdempotencyEntry(result, event.occurredAt())));
        return result;
    }

    @Override
    public synchronized Optional<AgentEvent> find(WorkspaceId workspaceId, EventId eventId) {
        return Optional.ofNullable(events.get(eventId)).filter(event -> event.workspaceId().equals(workspaceId));
    }

    @Override
    public synchronized int purge(Instant cutoff, int limit) {
        forgetDeliveriesOfRemovedWebhooks();
        List<EventId> purged = events.values().stream()
                .filter(event -> event.occurredAt().isBefore(cutoff))
                .filter(event -> deliveries.values().stream().noneMatch(delivery ->
                        delivery.eventId().equals(event.id()) && delivery.status() == DeliveryStatus.PENDING))
                .map(AgentEvent::id)
                .sorted(Comparator.comparing(EventId::value))
                .limit(limit)
                .toList();
        purged.forEach(events::remove);
        forgetDeliveries(delivery -> purged.contains(delivery.eventId()));
        keys.values().removeIf(entry -> entry.at().isBefore(cutoff));
        return purged.size();
    }

    @Override
    public synchronized List<DeliveryJob> claimDue(Instant now, Instant leaseUntil, int limit) {
        forgetDeliveriesOfRemovedWebhooks();
        List<DeliveryJob> claimed = new ArrayList<>();
        List<Delivery> due = deliveries.values().stream()
                .filter(d -> d.status() == DeliveryStatus.PENDING && !d.nextAttemptAt().orElseThrow().isAfter(now))
                .filter(d -> leases.get(d.id()) == null || leases.get(d.id()).isBefore(now))
                .sorted(Comparator.comparing((Delivery d) -> d.nextAttemptAt().orElseThrow())
                        .thenComparing(d -> d.id().value()))
                .toList();
        for (Delivery delivery : due) {
            if (claimed.size() == limit) {
                break;
            }
            Optional<Webhook> webhook = webhooks.find(delivery.workspaceId(), delivery.webhookId())
                    .filter(Webhook::active);
            if (webhook.isPresent()) {
                leases.put(delivery.id(), leaseUntil);
                claimed.add(job(delivery, webhook.get()));
            }
        }
        return claimed;
    }

    /**
     * Skips a delivery that is gone, and an attempt whose number is not above the stored count (recorded already,
     * or by another process after this one's lease ran out). Refuses the whole batch, as the attempts table's
     * primary key does, if an attempt's number is stored already.
     */
    @Override
    public synchronized void recordAttempts(List<RecordedAttempt> recorded) {
        forgetDeliveriesOfRemovedWebhooks();
        List<RecordedAttempt> toStore = new ArrayList<>();
        Map<DeliveryId, Integer> counts = new HashMap<>();
        for (RecordedAttempt attempt : recorded) {
            Delivery stored = deliveries.get(attempt.delivery().id());
            if (stored == null
                    || counts.getOrDefault(stored.id(), stored.attempts()) >= attempt.attempt().number()) {
                continue;
            }
            counts.put(stored.id(), attempt.attempt().number());
            boolean numberTaken = attempts.getOrDefault(attempt.delivery().id(), List.of()).stream()
                    .anyMatch(earlier -> earlier.number() == attempt.attempt().number());
            if (numberTaken) {
                throw new IllegalStateException("attempt " + attempt.attempt().number() + " of "
                        + attempt.delivery().id() + " is stored already");
            }
            toStore.add(attempt);
        }
        for (RecordedAttempt attempt : toStore) {
            deliveries.put(attempt.delivery().id(), attempt.delivery());
            leases.remove(attempt.delivery().id());
            attempts.computeIfAbsent(attempt.delivery().id(), id -> new ArrayList<>()).add(asStored(attempt.attempt()));
        }
    }

    @Override
    public synchronized void release(List<DeliveryId> deliveryIds) {
        deliveryIds.forEach(leases::remove);
    }

    @Override
    public synchronized Optional<DeliveryJob> requeue(Delivery redelivered, Instant leaseUntil) {
        forgetDeliveriesOfRemovedWebhooks();
        Delivery stored = deliveries.get(redelivered.id());
        if (stored == null || !stored.workspaceId().equals(redelivered.workspaceId())) {
            return Optional.empty();
        }
        Optional<Webhook> webhook = webhooks.find(redelivered.workspaceId(), redelivered.webhookId());
        if (webhook.isEmpty()) {
            return Optional.empty();
        }
        Delivery requeued = new Delivery(stored.id(), stored.workspaceId(), stored.webhookId(), stored.eventId(),
                stored.eventType(), redelivered.status(), stored.attempts(), stored.lastStatusCode(),
                redelivered.nextAttemptAt(), stored.createdAt(), redelivered.updatedAt());
        deliveries.put(requeued.id(), requeued);
        leases.put(requeued.id(), leaseUntil);
        return Optional.of(job(requeued, webhook.get()));
    }

    @Override
    public synchronized Optional<Delivery> find(WorkspaceId workspaceId, DeliveryId deliveryId) {
        forgetDeliveriesOfRemovedWebhooks();
        return Optional.ofNullable(deliveries.get(deliveryId)).filter(d -> d.workspaceId().equals(workspaceId));
    }

    @Override
    public synchronized List<Delivery> forEvent(WorkspaceId workspaceId, EventId eventId) {
        forgetDeliveriesOfRemovedWebhooks();
        return deliveries.values().stream()
                .filter(d -> d.workspaceId().equals(workspaceId) && d.eventId().equals(eventId))
                .sorted(Comparator.comparing(d -> d.id().value()))
                .toList();
    }

    @Override
    public synchronized Page<Delivery> list(ListDeliveriesQuery query) {
        forgetDeliveriesOfRemovedWebhooks();
        Comparator<Delivery> newestFirst = Comparator.comparing(Delivery::createdAt)
                .thenComparing(d -> d.id().value()).reversed();
        List<Delivery> matching = deliveries.values().stream()
                .filter(d -> d.workspaceId().equals(query.workspaceId()) && d.webhookId().equals(query.webhookId()))
                .filter(d -> query.status().map(s -> d.status() == s).orElse(true))
                .filter(d -> query.after().map(c -> isAfter(d, c)).orElse(true))
                .sorted(newestFirst)
                .limit(query.limit().value() + 1L)
                .toList();
        return Page.of(matching, query.limit(), d -> new PageCursor(d.createdAt(), d.id().value()));
    }

    @Override
    public synchronized List<Attempt> attempts(DeliveryId deliveryId) {
        forgetDeliveriesOfRemovedWebhooks();
        return List.copyOf(attempts.getOrDefault(deliveryId, List.of()));
    }

    /** What the tables' ON DELETE CASCADE does when a webhook is removed. */
    private void forgetDeliveriesOfRemovedWebhooks() {
        forgetDeliveries(delivery -> webhooks.find(delivery.workspaceId(), delivery.webhookId()).isEmpty());
    }

    /** Removes the deliveries that match, with their leases and attempts, as the tables' cascade does. */
    private void forgetDeliveries(Predicate<Delivery> which) {
        for (Iterator<Delivery> all = deliveries.values().iterator(); all.hasNext(); ) {
            Delivery delivery = all.next();
            if (which.test(delivery)) {
                all.remove();
                leases.remove(delivery.id());
                attempts.remove(delivery.id());
            }
        }
    }

    /**
     * An attempt as the tables keep it: whole milliseconds, no Retry-After (it only shaped the next attempt), an
     * excerpt of at most {@link AttemptResult#EXCERPT_BYTES} UTF-8 bytes cut between characters, NUL as U+FFFD.
     */
    private static Attempt asStored(Attempt attempt) {
        AttemptResult result = attempt.result();
        String excerpt = result.responseExcerpt().replace('\u0000', '\uFFFD');
        int bytes = 0;
        int end = 0;
        while (end < excerpt.length()) {
            int codePoint = excerpt.codePointAt(end);
            bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes > AttemptResult.EXCERPT_BYTES) {
                break;
            }
            end += Character.charCount(codePoint);
        }
        return new Attempt(attempt.deliveryId(), attempt.number(), attempt.startedAt(), new AttemptResult(
                result.statusCode(), result.error().map(error -> error.replace('\u0000', '\uFFFD')),
                Optional.empty(), Duration.ofMillis(result.took().toMillis()), excerpt.substring(0, end)));
    }

    private DeliveryJob job(Delivery delivery, Webhook webhook) {
        return new DeliveryJob(delivery, webhook.url(), webhook.secret(), events.get(delivery.eventId()).payload());
    }

    private static boolean isAfter(Delivery delivery, PageCursor cursor) {
        int byTime = delivery.createdAt().compareTo(cursor.createdAt());
        return byTime < 0 || (byTime == 0 && delivery.id().value().compareTo(cursor.id()) < 0);
    }
}
