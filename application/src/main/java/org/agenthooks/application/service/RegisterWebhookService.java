package org.agenthooks.application.service;

import java.time.Clock;
import org.agenthooks.application.port.in.RegisterWebhookCommand;
import org.agenthooks.application.port.in.RegisterWebhookUseCase;
import org.agenthooks.application.port.out.AgentRepository;
import org.agenthooks.application.port.out.DestinationPolicy;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookDefinition;

/** Registers webhooks, generating a secret when the caller gives none. */
public final class RegisterWebhookService implements RegisterWebhookUseCase {
    private final WebhookRepository webhooks;
    private final AgentOwnership agentOwnership;
    private final DestinationPolicy destinations;
    private final Clock clock;

    public RegisterWebhookService(
            WebhookRepository webhooks, AgentRepository agents, DestinationPolicy destinations, Clock clock) {
        this.webhooks = webhooks;
        this.agentOwnership = new AgentOwnership(agents);
        this.destinations = destinations;
        this.clock = clock;
    }

    @Override
    public Webhook register(RegisterWebhookCommand command) {
        agentOwnership.require(command.workspaceId(), command.agentId());
        destinations.check(command.url());
        WebhookDefinition definition = new WebhookDefinition(
                command.name(),
                command.url(),
                command.agentId(),
                command.secret().orElseGet(Secret::generate),
                command.events(),
                command.active(),
                command.ordering());
        Webhook webhook = Webhook.register(command.workspaceId(), definition, Timestamps.now(clock));
        webhooks.add(webhook);
        return webhook;
    }
}
