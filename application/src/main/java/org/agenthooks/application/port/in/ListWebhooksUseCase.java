package org.agenthooks.application.port.in;

import org.agenthooks.application.port.query.ListWebhooksQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.domain.webhook.Webhook;

/** Use case: listing the workspace's webhooks, newest first, filtered and paged. */
public interface ListWebhooksUseCase {
    Page<Webhook> list(ListWebhooksQuery query);
}
