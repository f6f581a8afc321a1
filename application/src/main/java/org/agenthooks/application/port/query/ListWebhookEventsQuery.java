package org.agenthooks.application.port.query;

import java.util.Objects;
import java.util.Optional;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** A page of the events meant for one webhook, oldest first, after {@code after}. */
public record ListWebhookEventsQuery(
        WorkspaceId workspaceId, WebhookId webhookId, Optional<PageCursor> after, PageLimit limit) {
    public ListWebhookEventsQuery {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(limit, "limit");
    }
}
