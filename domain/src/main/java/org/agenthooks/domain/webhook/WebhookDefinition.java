package org.agenthooks.domain.webhook;

import java.util.Objects;
import org.agenthooks.domain.agent.AgentId;

/** Everything a caller defines about a webhook, already checked value by value. */
public record WebhookDefinition(
        WebhookName name, WebhookUrl url, AgentId agentId, Secret secret, Subscriptions events, boolean active) {
    public WebhookDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(events, "events");
    }
}
