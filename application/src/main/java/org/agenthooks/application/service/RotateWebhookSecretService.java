package org.agenthooks.application.service;

import java.time.Clock;
import org.agenthooks.application.port.in.RotateWebhookSecretCommand;
import org.agenthooks.application.port.in.RotateWebhookSecretUseCase;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Webhook;

/** Rotates a webhook's secret with an overlap; another workspace's webhook is as missing as one that never was. */
public final class RotateWebhookSecretService implements RotateWebhookSecretUseCase {
    private final WebhookRepository webhooks;
    private final Clock clock;

    public RotateWebhookSecretService(WebhookRepository webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Override
    public Webhook rotateSecret(RotateWebhookSecretCommand command) {
        Webhook webhook =
                webhooks.find(command.workspaceId(), command.webhookId()).orElseThrow(() -> notFound(command));
        Webhook rotated = webhook.rotateSecret(
                command.secret().orElseGet(Secret::generate), command.gracePeriod(), Timestamps.now(clock));
        if (!webhooks.update(rotated)) {
            throw notFound(command);
        }
        return rotated;
    }

    private static NotFoundException notFound(RotateWebhookSecretCommand command) {
        return new NotFoundException("webhook", command.webhookId().value());
    }
}
