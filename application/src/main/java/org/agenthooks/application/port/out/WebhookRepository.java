package org.agenthooks.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.port.query.ListWebhooksQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Port: where webhooks are kept. Every read is scoped to a workspace. */
public interface WebhookRepository {
    void add(Webhook webhook);

    /** Stores the changed webhook; false when it no longer exists. */
    boolean update(Webhook webhook);

    /**
     * Turns the webhook off as of {@code at}, touching no other field, so that an edit stored meanwhile stays.
     * False when it was already inactive or does not exist.
     */
    boolean deactivate(WorkspaceId workspaceId, WebhookId webhookId, Instant at);

    Optional<Webhook> find(WorkspaceId workspaceId, WebhookId webhookId);

    /** False when there was nothing to remove. */
    boolean remove(WorkspaceId workspaceId, WebhookId webhookId);

    Page<Webhook> list(ListWebhooksQuery query);

    /** The active webhooks scoped to this agent: the candidates for its events. */
    List<Webhook> activeFor(WorkspaceId workspaceId, AgentId agentId);
}
