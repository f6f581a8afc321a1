package org.agenthooks.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.port.query.ReplayOutcome;
import org.agenthooks.application.port.query.WebhookEvent;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Port: what was meant for one webhook, oldest first, for a receiver to catch up from, and the deliveries a replay
 * of it adds (new deliveries of the same events, so the same {@code webhook-id}).
 */
public interface WebhookHistory {
    /**
     * The events that have a delivery to the query's webhook, in its workspace and time window, ordered by their
     * time and then id, after the query's cursor; at most {@code query.fetch()}. Each comes with the status of its
     * latest delivery to that webhook, which is what the query's status, if any, filters on.
     */
    List<WebhookEvent> events(WebhookEventsQuery query);

    /** The outcome a replay with this key for this webhook made at or after {@code notBefore} had, if any. */
    Optional<ReplayOutcome> replayed(
            WorkspaceId workspaceId, WebhookId webhookId, IdempotencyKey key, Instant notBefore);

    /**
     * Stores the replay's deliveries (pending, due at their creation, leased to nobody, so any process's poller
     * claims them) and, if it has one, its key's outcome, in one transaction; a use of the key made before
     * {@code keyNotBefore} is forgotten. If the key was used at or after {@code keyNotBefore} meanwhile, by a replay
     * racing this one, stores nothing and answers that replay's outcome. If the webhook no longer exists, stores
     * nothing and answers that none were replayed.
     */
    ReplayOutcome record(Replay replay, Instant keyNotBefore);
}
