package org.agenthooks.application.port.in;

import org.agenthooks.application.port.query.ListWebhookEventsQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.WebhookEvent;
import org.agenthooks.domain.shared.NotFoundException;

/** Use case: a receiver pulling, oldest first, the events meant for its webhook, to catch up after an outage. */
public interface ListWebhookEventsUseCase {
    Page<WebhookEvent> list(ListWebhookEventsQuery query) throws NotFoundException;
}
