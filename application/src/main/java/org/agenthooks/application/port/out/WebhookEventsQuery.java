package org.agenthooks.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * The events of one webhook that occurred from {@code since} up to {@code until} (exclusive), oldest first, after
 * {@code after} (an event's time and id), whose latest delivery there has {@code status} if one is given; at most
 * {@code fetch} of them.
 */
public record WebhookEventsQuery(
        WorkspaceId workspaceId,
        WebhookId webhookId,
        Instant since,
        Instant until,
        Optional<DeliveryStatus> status,
        Optional<PageCursor> after,
        int fetch) {
    public WebhookEventsQuery {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(after, "after");
        if (fetch < 1) {
            throw new IllegalArgumentException("fetch must be positive");
        }
    }
}
