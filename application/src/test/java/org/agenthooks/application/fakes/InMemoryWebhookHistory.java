package org.agenthooks.application.fakes;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.agenthooks.application.fakes.InMemoryTables.ReplayKeyUse;
import org.agenthooks.application.port.out.Replay;
import org.agenthooks.application.port.out.WebhookEventsQuery;
import org.agenthooks.application.port.out.WebhookHistory;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.application.port.query.ReplayOutcome;
import org.agenthooks.application.port.query.WebhookEvent;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** In-memory {@link WebhookHistory} over the rows the event and delivery fakes share. */
public final class InMemoryWebhookHistory implements WebhookHistory {
    private static final Comparator<AgentEvent> OLDEST_FIRST = Comparator.comparing(AgentEvent::occurredAt)
            .thenComparing(event -> event.id().value());
    private static final Comparator<Delivery> LATEST_FIRST = Comparator.comparing(Delivery::createdAt)
            .thenComparing(delivery -> delivery.id().value())
            .reversed();

    private final InMemoryTables tables;

    public InMemoryWebhookHistory(InMemoryTables tables) {
        this.tables = tables;
    }

    @Override
    public List<WebhookEvent> events(WebhookEventsQuery query) {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            Map<EventId, Delivery> latest = tables.deliveries.values().stream()
                    .filter(delivery -> delivery.workspaceId().equals(query.workspaceId())
                            && delivery.webhookId().equals(query.webhookId()))
                    .sorted(LATEST_FIRST)
                    .collect(Collectors.toMap(Delivery::eventId, Function.identity(), (newer, older) -> newer));
            return latest.values().stream()
                    .filter(delivery ->
                            query.status().map(delivery.status()::equals).orElse(true))
                    .map(delivery -> new WebhookEvent(tables.events.get(delivery.eventId()), delivery.status()))
                    .filter(row -> row.event() != null)
                    .filter(row -> !row.event().occurredAt().isBefore(query.since())
                            && row.event().occurredAt().isBefore(query.until()))
                    .filter(row -> query.after()
                            .map(after -> isAfter(row.event(), after))
                            .orElse(true))
                    .sorted(Comparator.comparing(WebhookEvent::event, OLDEST_FIRST))
                    .limit(query.fetch())
                    .toList();
        }
    }

    @Override
    public Optional<ReplayOutcome> replayed(
            WorkspaceId workspaceId, WebhookId webhookId, IdempotencyKey key, Instant notBefore) {
        synchronized (tables) {
            tables.forgetDeliveriesOfRemovedWebhooks();
            return Optional.ofNullable(tables.replayKeys.get(keyOf(workspaceId, webhookId, key)))
                    .filter(use -> !use.at().isBefore(notBefore))
                    .filter(use -> tables.webhooks.find(workspaceId, webhookId).isPresent())
                    .map(ReplayKeyUse::outcome);
        }
    }

    @Override
    public ReplayOutcome record(Replay replay, Instant keyNotBefore) {
        synchronized (tables) {
            Optional<String> key = replay.key().map(k -> keyOf(replay.workspaceId(), replay.webhookId(), k));
            if (key.isPresent()) {
                ReplayKeyUse earlier = tables.replayKeys.get(key.get());
                if (earlier != null && !earlier.at().isBefore(keyNotBefore)) {
                    return earlier.outcome();
                }
            }
            if (tables.webhooks.find(replay.workspaceId(), replay.webhookId()).isEmpty()) {
                return new ReplayOutcome(0, Optional.empty());
            }
            replay.deliveries().forEach(delivery -> tables.deliveries.put(delivery.id(), delivery));
            key.ifPresent(k -> tables.replayKeys.put(k, new ReplayKeyUse(replay.outcome(), replay.at())));
            return replay.outcome();
        }
    }

    private static boolean isAfter(AgentEvent event, PageCursor after) {
        int byTime = event.occurredAt().compareTo(after.createdAt());
        return byTime > 0 || (byTime == 0 && event.id().value().compareTo(after.id()) > 0);
    }

    private static String keyOf(WorkspaceId workspaceId, WebhookId webhookId, IdempotencyKey key) {
        return workspaceId.value() + "/" + webhookId.value() + "/" + key.value();
    }
}
