package org.agenthooks.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.agenthooks.application.port.in.ListWebhookEventsUseCase;
import org.agenthooks.application.port.out.WebhookEventsQuery;
import org.agenthooks.application.port.out.WebhookHistory;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.application.port.query.ListWebhookEventsQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.WebhookEvent;
import org.agenthooks.domain.shared.NotFoundException;

/**
 * The events meant for one webhook, oldest first, as far back as retention keeps them: what a receiver that was
 * down reconciles from, on its own schedule, by following {@code nextCursor}.
 */
public final class ListWebhookEventsService implements ListWebhookEventsUseCase {
    /** Later than any event stored now can have occurred, with room for clocks a little apart across instances. */
    private static final Duration AHEAD = Duration.ofMinutes(1);

    private final WebhookRepository webhooks;
    private final WebhookHistory history;
    private final Clock clock;

    public ListWebhookEventsService(WebhookRepository webhooks, WebhookHistory history, Clock clock) {
        this.webhooks = webhooks;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public Page<WebhookEvent> list(ListWebhookEventsQuery query) {
        webhooks.find(query.workspaceId(), query.webhookId())
                .orElseThrow(
                        () -> new NotFoundException("webhook", query.webhookId().value()));
        var rows = history.events(new WebhookEventsQuery(
                query.workspaceId(),
                query.webhookId(),
                Instant.EPOCH,
                clock.instant().plus(AHEAD),
                Optional.empty(),
                query.after(),
                query.limit().value() + 1));
        return Page.of(rows, query.limit(), row -> ReplayWebhookService.cursorOf(row.event()));
    }
}
