package org.agenthooks.application.service;

import org.agenthooks.application.port.in.GetWebhookUseCase;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Reads one webhook; another workspace's webhook is as missing as one that never was. */
public final class GetWebhookService implements GetWebhookUseCase {
    private final WebhookRepository webhooks;

    public GetWebhookService(WebhookRepository webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public Webhook get(WorkspaceId workspaceId, WebhookId webhookId) {
        return webhooks.find(workspaceId, webhookId)
                .orElseThrow(() -> new NotFoundException("webhook", webhookId.value()));
    }
}
