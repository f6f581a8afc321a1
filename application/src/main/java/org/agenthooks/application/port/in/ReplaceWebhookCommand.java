package org.agenthooks.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.webhook.Ordering;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * A whole new definition. The secret may be left out, and then stays: it is never read back, so a caller
 * could not send the current one again.
 */
public record ReplaceWebhookCommand(
        WorkspaceId workspaceId,
        WebhookId webhookId,
        WebhookName name,
        WebhookUrl url,
        AgentId agentId,
        Optional<Secret> secret,
        Subscriptions events,
        boolean active,
        Ordering ordering) {
    public ReplaceWebhookCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(ordering, "ordering");
    }

    /** Delivering each conversation in order, as a webhook does unless it opts out. */
    public ReplaceWebhookCommand(
            WorkspaceId workspaceId,
            WebhookId webhookId,
            WebhookName name,
            WebhookUrl url,
            AgentId agentId,
            Optional<Secret> secret,
            Subscriptions events,
            boolean active) {
        this(workspaceId, webhookId, name, url, agentId, secret, events, active, Ordering.CONVERSATION);
    }
}
