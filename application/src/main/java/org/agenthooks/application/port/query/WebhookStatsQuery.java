package org.agenthooks.application.port.query;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Whose deliveries to count per hour, from the hour of {@code since} (empty: the last 24 hours) until now. */
public record WebhookStatsQuery(WorkspaceId workspaceId, WebhookId webhookId, Optional<Instant> since) {
    public WebhookStatsQuery {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(since, "since");
    }
}
