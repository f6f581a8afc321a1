package org.agenthooks.application.port.in;

import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Use case: sending a signed {@code webhook.test} event to one webhook, whatever it subscribes to. */
public interface SendTestEventUseCase {
    Delivery sendTest(WorkspaceId workspaceId, WebhookId webhookId) throws NotFoundException;
}
