package org.agenthooks.application.service;

import org.agenthooks.application.port.in.ListWebhooksUseCase;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.application.port.query.ListWebhooksQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.domain.webhook.Webhook;

/** Lists webhooks, newest first. */
public final class ListWebhooksService implements ListWebhooksUseCase {
    private final WebhookRepository webhooks;

    public ListWebhooksService(WebhookRepository webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public Page<Webhook> list(ListWebhooksQuery query) {
        return webhooks.list(query);
    }
}
