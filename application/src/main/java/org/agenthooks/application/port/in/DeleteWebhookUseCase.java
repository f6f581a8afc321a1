package org.agenthooks.application.port.in;

import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Use case: deleting a webhook; nothing more is delivered to it. */
public interface DeleteWebhookUseCase {
    void delete(WorkspaceId workspaceId, WebhookId webhookId) throws NotFoundException;
}
