package org.agenthooks.application.port.in;

import org.agenthooks.application.port.query.ReplayOutcome;
import org.agenthooks.domain.shared.NotFoundException;

/** Use case: sending a webhook again every event of a time window, as new deliveries with the same webhook-id. */
public interface ReplayWebhookUseCase {
    /** At most {@code MAX_EVENTS} per call; the outcome's cursor goes on from there. */
    int MAX_EVENTS = 10_000;

    ReplayOutcome replay(ReplayWebhookCommand command) throws NotFoundException;
}
