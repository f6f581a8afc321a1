package org.agenthooks.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.port.in.ReplayWebhookCommand;
import org.agenthooks.application.port.in.ReplayWebhookUseCase;
import org.agenthooks.application.port.out.Replay;
import org.agenthooks.application.port.out.WebhookEventsQuery;
import org.agenthooks.application.port.out.WebhookHistory;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.application.port.query.ReplayOutcome;
import org.agenthooks.application.port.query.WebhookEvent;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.shared.Timestamps;

/**
 * Sends a webhook again the events of a window: one new delivery per event, due now, which the delivery poller of
 * any instance claims and sends through the dispatcher like any other. The event id, hence {@code webhook-id}, is
 * the original's, so a receiver that kept it drops what it had already processed.
 */
public final class ReplayWebhookService implements ReplayWebhookUseCase {
    /** How long a replay's {@code Idempotency-Key} answers with its first outcome, as ingest's keys do. */
    static final Duration IDEMPOTENCY_WINDOW = IngestEventService.IDEMPOTENCY_WINDOW;

    private final WebhookRepository webhooks;
    private final WebhookHistory history;
    private final Clock clock;

    public ReplayWebhookService(WebhookRepository webhooks, WebhookHistory history, Clock clock) {
        this.webhooks = webhooks;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public ReplayOutcome replay(ReplayWebhookCommand command) {
        webhooks.find(command.workspaceId(), command.webhookId())
                .orElseThrow(() ->
                        new NotFoundException("webhook", command.webhookId().value()));
        Instant now = Timestamps.now(clock);
        Instant keyNotBefore = now.minus(IDEMPOTENCY_WINDOW);
        if (command.idempotencyKey().isPresent()) {
            Optional<ReplayOutcome> earlier = history.replayed(
                    command.workspaceId(),
                    command.webhookId(),
                    command.idempotencyKey().get(),
                    keyNotBefore);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        List<WebhookEvent> found = history.events(new WebhookEventsQuery(
                command.workspaceId(),
                command.webhookId(),
                command.since(),
                command.until(),
                command.status(),
                command.cursor(),
                MAX_EVENTS + 1));
        List<WebhookEvent> batch = found.subList(0, Math.min(found.size(), MAX_EVENTS));
        Optional<PageCursor> next =
                found.size() > MAX_EVENTS ? Optional.of(cursorOf(batch.getLast().event())) : Optional.empty();
        List<Delivery> deliveries = batch.stream()
                .map(event -> Delivery.of(event.event(), command.webhookId(), now))
                .toList();
        return history.record(
                new Replay(
                        command.workspaceId(),
                        command.webhookId(),
                        command.idempotencyKey(),
                        deliveries,
                        new ReplayOutcome(deliveries.size(), next),
                        now),
                keyNotBefore);
    }

    static PageCursor cursorOf(AgentEvent event) {
        return new PageCursor(event.occurredAt(), event.id().value());
    }
}
