package org.agenthooks.application.port.in;

import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.webhook.Webhook;

/** Use case: giving a webhook a new secret while the old one keeps signing for a grace period. */
public interface RotateWebhookSecretUseCase {
    /** The rotated webhook, whose {@code secret()} is the new secret. */
    Webhook rotateSecret(RotateWebhookSecretCommand command) throws NotFoundException;
}
