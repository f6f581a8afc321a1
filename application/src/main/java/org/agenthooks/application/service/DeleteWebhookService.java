package org.agenthooks.application.service;

import org.agenthooks.application.port.in.DeleteWebhookUseCase;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Deletes webhooks. */
public final class DeleteWebhookService implements DeleteWebhookUseCase {
    private final WebhookRepository webhooks;

    public DeleteWebhookService(WebhookRepository webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void delete(WorkspaceId workspaceId, WebhookId webhookId) {
        if (!webhooks.remove(workspaceId, webhookId)) {
            throw new NotFoundException("webhook", webhookId.value());
        }
    }
}
