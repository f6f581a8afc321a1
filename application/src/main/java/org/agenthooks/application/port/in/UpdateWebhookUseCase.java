package org.agenthooks.application.port.in;

import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.webhook.Webhook;

/** Use case: changing some of a webhook's fields (pausing and resuming included). */
public interface UpdateWebhookUseCase {
    Webhook update(UpdateWebhookCommand command) throws NotFoundException;
}
