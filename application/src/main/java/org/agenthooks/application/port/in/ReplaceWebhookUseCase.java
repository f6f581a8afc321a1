package org.agenthooks.application.port.in;

import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.webhook.Webhook;

/** Use case: replacing a webhook's whole definition at once. */
public interface ReplaceWebhookUseCase {
    Webhook replace(ReplaceWebhookCommand command) throws NotFoundException;
}
