package org.agenthooks.application.port.in;

import org.agenthooks.domain.webhook.Webhook;

/** Use case: registering a webhook for one of the workspace's agents. */
public interface RegisterWebhookUseCase {
    /** The stored webhook; its secret (given or generated) is the one time a caller sees it whole. */
    Webhook register(RegisterWebhookCommand command);
}
