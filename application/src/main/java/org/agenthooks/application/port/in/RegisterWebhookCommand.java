package org.agenthooks.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.webhook.Ordering;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;

/** What registering a webhook needs; a missing secret is generated. */
public record RegisterWebhookCommand(
        WorkspaceId workspaceId,
        WebhookName name,
        WebhookUrl url,
        AgentId agentId,
        Optional<Secret> secret,
        Subscriptions events,
        boolean active,
        Ordering ordering) {
    public RegisterWebhookCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(ordering, "ordering");
    }

    /** Delivering each conversation in order, as a webhook does unless it opts out. */
    public RegisterWebhookCommand(
            WorkspaceId workspaceId,
            WebhookName name,
            WebhookUrl url,
            AgentId agentId,
            Optional<Secret> secret,
            Subscriptions events,
            boolean active) {
        this(workspaceId, name, url, agentId, secret, events, active, Ordering.CONVERSATION);
    }
}
