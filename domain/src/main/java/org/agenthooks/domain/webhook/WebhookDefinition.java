package org.agenthooks.domain.webhook;

import java.util.Objects;
import org.agenthooks.domain.agent.AgentId;

/** Everything a caller defines about a webhook, already checked value by value. */
public record WebhookDefinition(
        WebhookName name,
        WebhookUrl url,
        AgentId agentId,
        Secret secret,
        Subscriptions events,
        boolean active,
        Ordering ordering) {
    public WebhookDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(ordering, "ordering");
    }

    /** A definition whose conversations are delivered in order, as a webhook's are unless it opts out. */
    public WebhookDefinition(
            WebhookName name, WebhookUrl url, AgentId agentId, Secret secret, Subscriptions events, boolean active) {
        this(name, url, agentId, secret, events, active, Ordering.CONVERSATION);
    }
}
