package org.agenthooks.application.port.in;

import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Use case: reading one webhook of the workspace. */
public interface GetWebhookUseCase {
    Webhook get(WorkspaceId workspaceId, WebhookId webhookId) throws NotFoundException;
}
