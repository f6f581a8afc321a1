package org.agenthooks.application.port.in;

import org.agenthooks.application.port.query.WebhookStatsQuery;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.shared.NotFoundException;

/** Use case: counting a webhook's deliveries per hour and status, for the last 24 hours unless told otherwise. */
public interface GetWebhookStatsUseCase {
    WebhookStats stats(WebhookStatsQuery query) throws NotFoundException, InvalidInputException;
}
