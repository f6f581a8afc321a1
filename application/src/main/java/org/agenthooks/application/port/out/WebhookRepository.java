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

    /**
     * Stores the changed webhook; false when it no longer exists. A webhook made active again starts with no run of
     * failures behind it.
     */
    boolean update(Webhook webhook);

    /**
     * Turns the webhook off as of {@code at} with the reason its reads will show, touching no other field, so that
     * an edit stored meanwhile stays. False when it was already inactive or does not exist.
     */
    boolean deactivate(WorkspaceId workspaceId, WebhookId webhookId, String reason, Instant at);

    /**
     * Notes an attempt that failed at {@code at}: it begins the webhook's run of failures unless one is under way.
     * Answers when the run under way began; empty when the webhook does not exist.
     */
    Optional<Instant> noteFailure(WorkspaceId workspaceId, WebhookId webhookId, Instant at);

    /** Notes a successful attempt: the webhook's run of failures, if any, is over. */
    void noteSuccess(WorkspaceId workspaceId, WebhookId webhookId);

    /**
     * Like {@link #deactivate}, but only while the webhook's run of failures is still the one that began at
     * {@code failingSince}: a success noted meanwhile keeps it on.
     */
    boolean deactivateIfFailingSince(
            WorkspaceId workspaceId, WebhookId webhookId, Instant failingSince, String reason, Instant at);

    Optional<Webhook> find(WorkspaceId workspaceId, WebhookId webhookId);

    /** False when there was nothing to remove. */
    boolean remove(WorkspaceId workspaceId, WebhookId webhookId);

    Page<Webhook> list(ListWebhooksQuery query);

    /** The active webhooks scoped to this agent: the candidates for its events. */
    List<Webhook> activeFor(WorkspaceId workspaceId, AgentId agentId);
}
