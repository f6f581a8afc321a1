package org.agenthooks.application.fakes;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.agenthooks.application.port.out.Backlog;
import org.agenthooks.application.port.out.DeliveryBacklog;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.HeldLease;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.application.port.out.RequeueResult;
import org.agenthooks.application.port.query.HourlyDeliveryCount;
import org.agenthooks.application.port.query.ListDeliveriesQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * In-memory fake of {@link DeliveryRepository}, kept honest by the delivery repository contract test. Its
 * deliveries are appended by the {@link InMemoryEventRepository} over the same {@link InMemoryTables}, and its
 * jobs carry that repository's payloads. Like the tables' cascade, a removed webhook takes its deliveries and
 * their attempts along.
 */
public final class InMemoryDeliveryRepository implements DeliveryRepository, DeliveryBacklog {
    private final InMemoryTables tables;

    public InMemoryDeliveryRepository(InMemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public Backlog backlog() {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            List<Instant> pending = tables.deliveries.values().stream()
                    .filter(d -> d.status() == DeliveryStatus.PENDING)
                    .filter(d -> tables.webhooks
                            .find(d.workspaceId(), d.webhookId())
                            .filter(Webhook::active)
                            .isPresent())
                    .map(Delivery::createdAt)
                    .toList();
            return new Backlog(pending.size(), pending.stream().min(Comparator.naturalOrder()));
        }
    }

    @Override
    public List<DeliveryJob> claimDue(Instant now, Instant leaseUntil, int limit) {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            List<DeliveryJob> claimed = new ArrayList<>();
            List<Delivery> due = tables.deliveries.values().stream()
                    .filter(d -> d.status() == DeliveryStatus.PENDING
                            && !d.nextAttemptAt().orElseThrow().isAfter(now))
                    .filter(d -> tables.leases.get(d.id()) == null
                            || tables.leases.get(d.id()).isBefore(now))
                    .sorted(Comparator.comparing(
                                    (Delivery d) -> d.nextAttemptAt().orElseThrow())
                            .thenComparing(d -> d.id().value()))
                    .toList();
            for (Delivery delivery : due) {
                if (claimed.size() == limit) {
                    break;
                }
                Optional<Webhook> webhook = tables.webhooks
                        .find(delivery.workspaceId(), delivery.webhookId())
                        .filter(Webhook::active);
                if (webhook.isEmpty()) {
                    continue;
                }
                boolean waits = tables.waitsForEarlier(delivery);
                if (waits && !delivery.createdAt().isBefore(now.minus(tables.orderHold))) {
                    continue;
                }
                tables.leases.put(delivery.id(), leaseUntil);
                DeliveryJob job = job(delivery, webhook.get());
                claimed.add(new DeliveryJob(
                        job.delivery(), job.url(), job.secrets(), job.payload(), waits, job.traceParent()));
            }
            return claimed;
        }
    }

    /**
     * Skips a delivery that is gone, and an attempt whose number is not above the stored count (recorded already,
     * or by another process after this one's lease ran out). Refuses the whole batch, as the attempts table's
     * primary key does, if an attempt's number is stored already.
     */
    @Override
    public void recordAttempts(List<RecordedAttempt> recorded) {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            List<RecordedAttempt> toStore = new ArrayList<>();
            Map<DeliveryId, Integer> counts = new HashMap<>();
            List<RecordedAttempt> lateSuccesses = new ArrayList<>();
            for (RecordedAttempt attempt : recorded) {
                Delivery stored = tables.deliveries.get(attempt.delivery().id());
                if (stored == null) {
                    continue;
                }
                if (stored.status() != DeliveryStatus.PENDING
                        || counts.getOrDefault(stored.id(), stored.attempts())
                                >= attempt.attempt().number()) {
                    if (stored.status() == DeliveryStatus.PENDING
                            && attempt.delivery().status() == DeliveryStatus.SUCCEEDED) {
                        lateSuccesses.add(attempt);
                    }
                    continue;
                }
                counts.put(stored.id(), attempt.attempt().number());
                boolean numberTaken = tables
                        .attempts
                        .getOrDefault(attempt.delivery().id(), List.of())
                        .stream()
                        .anyMatch(
                                earlier -> earlier.number() == attempt.attempt().number());
                if (numberTaken) {
                    throw new IllegalStateException(
                            "attempt " + attempt.attempt().number() + " of "
                                    + attempt.delivery().id() + " is stored already");
                }
                toStore.add(attempt);
            }
            for (RecordedAttempt attempt : toStore) {
                tables.deliveries.put(attempt.delivery().id(), attempt.delivery());
                tables.leases.remove(attempt.delivery().id());
                tables.attempts
                        .computeIfAbsent(attempt.delivery().id(), id -> new ArrayList<>())
                        .add(asStored(attempt.attempt()));
            }
            lateSuccesses.forEach(this::storeLateSuccess);
        }
    }

    /** Stores a success another process's attempt of the same number overtook as the next attempt. */
    private void storeLateSuccess(RecordedAttempt late) {
        Delivery stored = tables.deliveries.get(late.delivery().id());
        if (stored.status() != DeliveryStatus.PENDING) {
            return;
        }
        int number = stored.attempts() + 1;
        tables.deliveries.put(
                stored.id(),
                new Delivery(
                        stored.id(),
                        stored.workspaceId(),
                        stored.webhookId(),
                        stored.eventId(),
                        stored.eventType(),
                        DeliveryStatus.SUCCEEDED,
                        number,
                        late.delivery().lastStatusCode(),
                        Optional.empty(),
                        stored.createdAt(),
                        late.delivery().updatedAt()));
        tables.leases.remove(stored.id());
        Attempt attempt = late.attempt();
        tables.attempts
                .computeIfAbsent(stored.id(), id -> new ArrayList<>())
                .add(asStored(new Attempt(attempt.deliveryId(), number, attempt.startedAt(), attempt.result())));
    }

    @Override
    public Set<DeliveryId> renewLeases(List<HeldLease> held, Instant until) {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            Set<DeliveryId> renewed = new HashSet<>();
            for (HeldLease lease : held) {
                Delivery stored = tables.deliveries.get(lease.deliveryId());
                Instant current = tables.leases.get(lease.deliveryId());
                if (stored != null
                        && stored.status() == DeliveryStatus.PENDING
                        && current != null
                        && !current.isAfter(lease.endsBy())) {
                    tables.leases.put(lease.deliveryId(), until);
                    renewed.add(lease.deliveryId());
                }
            }
            return renewed;
        }
    }

    @Override
    public void release(List<DeliveryId> deliveryIds) {
        synchronized (tables) {
            deliveryIds.forEach(tables.leases::remove);
        }
    }

    @Override
    public void postpone(List<DeliveryId> deliveryIds, Instant dueAt) {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            for (DeliveryId id : deliveryIds) {
                Delivery stored = tables.deliveries.get(id);
                if (stored != null && stored.status() == DeliveryStatus.PENDING) {
                    tables.deliveries.put(id, postponed(stored, dueAt));
                    tables.leases.remove(id);
                }
            }
        }
    }

    @Override
    public int postponeBacklog(Set<WebhookId> webhookIds, Instant now, Instant dueAt) {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            List<Delivery> backlog = tables.deliveries.values().stream()
                    .filter(d -> d.status() == DeliveryStatus.PENDING && webhookIds.contains(d.webhookId()))
                    .filter(d -> d.nextAttemptAt().orElseThrow().isBefore(dueAt))
                    .filter(d -> tables.leases.get(d.id()) == null
                            || tables.leases.get(d.id()).isBefore(now))
                    .toList();
            backlog.forEach(d -> {
                tables.deliveries.put(d.id(), postponed(d, dueAt));
                tables.leases.remove(d.id());
            });
            return backlog.size();
        }
    }

    private static Delivery postponed(Delivery stored, Instant dueAt) {
        return new Delivery(
                stored.id(),
                stored.workspaceId(),
                stored.webhookId(),
                stored.eventId(),
                stored.eventType(),
                stored.status(),
                stored.attempts(),
                stored.lastStatusCode(),
                Optional.of(dueAt.truncatedTo(ChronoUnit.MICROS)),
                stored.createdAt(),
                stored.updatedAt());
    }

    /**
     * Takes the status and due time from {@code redelivered}, if the lease is free at {@code now}; the attempt count
     * and last status code stay.
     */
    @Override
    public RequeueResult requeue(Delivery redelivered, Instant now, Instant leaseUntil) {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            Delivery stored = tables.deliveries.get(redelivered.id());
            if (stored == null || !stored.workspaceId().equals(redelivered.workspaceId())) {
                return new RequeueResult.Gone();
            }
            Optional<Webhook> webhook = tables.webhooks.find(redelivered.workspaceId(), redelivered.webhookId());
            if (webhook.isEmpty()) {
                return new RequeueResult.Gone();
            }
            Instant held = tables.leases.get(stored.id());
            if (held != null && !held.isBefore(now)) {
                return new RequeueResult.InFlight(held);
            }
            Delivery requeued = new Delivery(
                    stored.id(),
                    stored.workspaceId(),
                    stored.webhookId(),
                    stored.eventId(),
                    stored.eventType(),
                    redelivered.status(),
                    stored.attempts(),
                    stored.lastStatusCode(),
                    redelivered.nextAttemptAt(),
                    stored.createdAt(),
                    redelivered.updatedAt());
            tables.deliveries.put(requeued.id(), requeued);
            tables.leases.put(requeued.id(), leaseUntil);
            return new RequeueResult.Requeued(job(requeued, webhook.get()));
        }
    }

    @Override
    public Optional<Delivery> find(WorkspaceId workspaceId, DeliveryId deliveryId) {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            return Optional.ofNullable(tables.deliveries.get(deliveryId))
                    .filter(d -> d.workspaceId().equals(workspaceId));
        }
    }

    @Override
    public List<Delivery> forEvent(WorkspaceId workspaceId, EventId eventId) {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            return tables.deliveries.values().stream()
                    .filter(d ->
                            d.workspaceId().equals(workspaceId) && d.eventId().equals(eventId))
                    .sorted(Comparator.comparing(d -> d.id().value()))
                    .toList();
        }
    }

    @Override
    public Page<Delivery> list(ListDeliveriesQuery query) {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            Comparator<Delivery> newestFirst = Comparator.comparing(Delivery::createdAt)
                    .thenComparing(d -> d.id().value())
                    .reversed();
            List<Delivery> matching = tables.deliveries.values().stream()
                    .filter(d -> d.workspaceId().equals(query.workspaceId())
                            && d.webhookId().equals(query.webhookId()))
                    .filter(d -> query.status().map(s -> d.status() == s).orElse(true))
                    .filter(d -> query.after().map(c -> isAfter(d, c)).orElse(true))
                    .sorted(newestFirst)
                    .limit(query.limit().value() + 1L)
                    .toList();
            return Page.of(matching, query.limit(), d -> new PageCursor(d.createdAt(), d.id().value()));
        }
    }

    @Override
    public List<Attempt> attempts(DeliveryId deliveryId) {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            return List.copyOf(tables.attempts.getOrDefault(deliveryId, List.of()));
        }
    }

    @Override
    public List<HourlyDeliveryCount> countByHour(
            WorkspaceId workspaceId, WebhookId webhookId, Instant from, Instant until) {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            Map<Instant, Map<DeliveryStatus, Long>> byHour = new TreeMap<>();
            tables.deliveries.values().stream()
                    .filter(d ->
                            d.workspaceId().equals(workspaceId) && d.webhookId().equals(webhookId))
                    .filter(d -> !d.createdAt().isBefore(from) && d.createdAt().isBefore(until))
                    .forEach(d -> byHour.computeIfAbsent(
                                    d.createdAt().truncatedTo(ChronoUnit.HOURS),
                                    hour -> new EnumMap<>(DeliveryStatus.class))
                            .merge(d.status(), 1L, Long::sum));
            List<HourlyDeliveryCount> counts = new ArrayList<>();
            byHour.forEach((hour, statuses) ->
                    statuses.forEach((status, count) -> counts.add(new HourlyDeliveryCount(hour, status, count))));
            return counts;
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
        return new Attempt(
                attempt.deliveryId(),
                attempt.number(),
                attempt.startedAt(),
                new AttemptResult(
                        result.statusCode(),
                        result.error().map(error -> error.replace('\u0000', '\uFFFD')),
                        Optional.empty(),
                        Duration.ofMillis(result.took().toMillis()),
                        excerpt.substring(0, end)));
    }

    /** The delivery as a job: its webhook's address and secret, and its event's payload as first stored. */
    private DeliveryJob job(Delivery delivery, Webhook webhook) {
        return new DeliveryJob(
                delivery,
                webhook.url(),
                webhook.signingSecrets(),
                tables.events.get(delivery.eventId()).payload(),
                Optional.ofNullable(tables.traceParents.get(delivery.eventId())));
    }

    private static boolean isAfter(Delivery delivery, PageCursor cursor) {
        int byTime = delivery.createdAt().compareTo(cursor.createdAt());
        return byTime < 0 || (byTime == 0 && delivery.id().value().compareTo(cursor.id()) < 0);
    }
}
