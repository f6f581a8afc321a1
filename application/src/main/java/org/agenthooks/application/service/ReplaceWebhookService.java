package org.agenthooks.application.service;

import java.time.Clock;
import org.agenthooks.application.port.in.ReplaceWebhookCommand;
import org.agenthooks.application.port.in.ReplaceWebhookUseCase;
import org.agenthooks.application.port.out.AgentRepository;
import org.agenthooks.application.port.out.DestinationPolicy;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookDefinition;

/** Replaces a webhook's whole definition, keeping its id, creation time and (unless given) its secret. */
public final class ReplaceWebhookService implements ReplaceWebhookUseCase {
    private final WebhookRepository webhooks;
    private final AgentOwnership agentOwnership;
    private final DestinationPolicy destinations;
    private final Clock clock;

    public ReplaceWebhookService(
            WebhookRepository webhooks, AgentRepository agents, DestinationPolicy destinations, Clock clock) {
        this.webhooks = webhooks;
        this.agentOwnership = new AgentOwnership(agents);
        this.destinations = destinations;
        this.clock = clock;
    }

    @Override
    public Webhook replace(ReplaceWebhookCommand command) {
        Webhook webhook = webhooks.find(command.workspaceId(), command.webhookId())
                .orElseThrow(() ->
                        new NotFoundException("webhook", command.webhookId().value()));
        agentOwnership.require(command.workspaceId(), command.agentId());
        destinations.check(command.url());
        WebhookDefinition definition = new WebhookDefinition(
                command.name(),
                command.url(),
                command.agentId(),
                command.secret().orElse(webhook.secret()),
                command.events(),
                command.active(),
                command.ordering());
        Webhook replaced = webhook.redefine(definition, Timestamps.now(clock));
        if (!webhooks.update(replaced)) {
            throw new NotFoundException("webhook", command.webhookId().value());
        }
        return replaced;
    }
}
