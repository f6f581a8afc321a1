package org.agenthooks.application.service;

import java.time.Clock;
import java.time.Instant;
import org.agenthooks.application.port.in.UpdateWebhookCommand;
import org.agenthooks.application.port.in.UpdateWebhookUseCase;
import org.agenthooks.application.port.out.AgentRepository;
import org.agenthooks.application.port.out.DestinationPolicy;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.webhook.Webhook;

/** Applies a partial change to a webhook, one intent at a time. */
public final class UpdateWebhookService implements UpdateWebhookUseCase {
    private final WebhookRepository webhooks;
    private final AgentOwnership agentOwnership;
    private final DestinationPolicy destinations;
    private final Clock clock;

    public UpdateWebhookService(
            WebhookRepository webhooks, AgentRepository agents, DestinationPolicy destinations, Clock clock) {
        this.webhooks = webhooks;
        this.agentOwnership = new AgentOwnership(agents);
        this.destinations = destinations;
        this.clock = clock;
    }

    @Override
    public Webhook update(UpdateWebhookCommand command) {
        Webhook webhook =
                webhooks.find(command.workspaceId(), command.webhookId()).orElseThrow(() -> notFound(command));
        command.agentId().ifPresent(agent -> agentOwnership.require(command.workspaceId(), agent));
        command.url().ifPresent(destinations::check);
        Instant now = Timestamps.now(clock);
        Webhook changed = webhook;
        if (command.name().isPresent()) {
            changed = changed.rename(command.name().get(), now);
        }
        if (command.url().isPresent()) {
            changed = changed.moveTo(command.url().get(), now);
        }
        if (command.agentId().isPresent()) {
            changed = changed.reassignTo(command.agentId().get(), now);
        }
        if (command.secret().isPresent()) {
            changed = changed.replaceSecret(command.secret().get(), now);
        }
        if (command.events().isPresent()) {
            changed = changed.subscribeTo(command.events().get(), now);
        }
        if (command.active().isPresent()) {
            changed = command.active().get() ? changed.resume(now) : changed.pause(now);
        }
        if (command.ordering().isPresent()) {
            changed = changed.orderBy(command.ordering().get(), now);
        }
        if (!webhooks.update(changed)) {
            throw notFound(command);
        }
        return changed;
    }

    private static NotFoundException notFound(UpdateWebhookCommand command) {
        return new NotFoundException("webhook", command.webhookId().value());
    }
}
