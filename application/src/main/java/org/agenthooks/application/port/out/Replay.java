package org.agenthooks.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.agenthooks.application.port.query.ReplayOutcome;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** A replay to store: its new deliveries, and the outcome its idempotency key (if any) answers with from now on. */
public record Replay(
        WorkspaceId workspaceId,
        WebhookId webhookId,
        Optional<IdempotencyKey> key,
        List<Delivery> deliveries,
        ReplayOutcome outcome,
        Instant at) {
    public Replay {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(key, "key");
        deliveries = List.copyOf(deliveries);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }
}
