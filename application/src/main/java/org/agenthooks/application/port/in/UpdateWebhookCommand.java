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

/** A partial change: each present field replaces the webhook's, each empty one leaves it as it is. */
public record UpdateWebhookCommand(
        WorkspaceId workspaceId,
        WebhookId webhookId,
        Optional<WebhookName> name,
        Optional<WebhookUrl> url,
        Optional<AgentId> agentId,
        Optional<Secret> secret,
        Optional<Subscriptions> events,
        Optional<Boolean> active,
        Optional<Ordering> ordering) {
    public UpdateWebhookCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(ordering, "ordering");
    }

    /** Leaving the ordering as it is. */
    public UpdateWebhookCommand(
            WorkspaceId workspaceId,
            WebhookId webhookId,
            Optional<WebhookName> name,
            Optional<WebhookUrl> url,
            Optional<AgentId> agentId,
            Optional<Secret> secret,
            Optional<Subscriptions> events,
            Optional<Boolean> active) {
        this(workspaceId, webhookId, name, url, agentId, secret, events, active, Optional.empty());
    }
}
