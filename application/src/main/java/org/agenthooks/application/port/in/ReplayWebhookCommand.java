package org.agenthooks.application.port.in;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Send again every event of {@code [since, until)} meant for a webhook (only those whose latest delivery there has
 * {@code status}, if given), going on after {@code cursor}; a repeat with the same {@code idempotencyKey} sends
 * nothing twice.
 */
public record ReplayWebhookCommand(
        WorkspaceId workspaceId,
        WebhookId webhookId,
        Instant since,
        Instant until,
        Optional<DeliveryStatus> status,
        Optional<PageCursor> cursor,
        Optional<IdempotencyKey> idempotencyKey) {
    public ReplayWebhookCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (!since.isBefore(until)) {
            throw InvalidInputException.of("until", "must be after since");
        }
    }
}
