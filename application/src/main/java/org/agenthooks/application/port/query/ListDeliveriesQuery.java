package org.agenthooks.application.port.query;

import java.util.Objects;
import java.util.Optional;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Which deliveries of one webhook to list, newest first. */
public record ListDeliveriesQuery(
        WorkspaceId workspaceId,
        WebhookId webhookId,
        Optional<DeliveryStatus> status,
        PageLimit limit,
        Optional<PageCursor> after) {
    public ListDeliveriesQuery {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(after, "after");
    }
}
