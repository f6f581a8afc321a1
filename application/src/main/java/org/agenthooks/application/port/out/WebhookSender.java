package org.agenthooks.application.port.out;

import org.agenthooks.domain.delivery.AttemptResult;

/** Port: makes one HTTP attempt of a signed delivery and says what came of it. Never throws for the network. */
public interface WebhookSender {
    AttemptResult send(OutboundRequest request);
}
