package org.agenthooks.application.port.out;

import org.agenthooks.domain.delivery.AttemptResult;

/** Port: makes one HTTP attempt of a signed delivery and says what came of it. Never throws for the network. */
public interface WebhookSender {
    /**
     * The attempt's result, an unreachable receiver included.
     *
     * @throws InterruptedException when the calling thread is interrupted before the attempt has a result: our
     *     own stop cut it short, which says nothing about the receiver
     */
    AttemptResult send(OutboundRequest request) throws InterruptedException;
}
