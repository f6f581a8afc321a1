package org.agenthooks.adapters.messaging;

import java.io.IOException;

/**
 * Where a broker puts the messages this service refuses (a dead-letter subject or queue), with the refusal's
 * reason in the {@value Refusal#REASON_HEADER} header and the original body unchanged.
 */
public interface DeadLetters {
    /** Returns only once the broker has taken the message; throws if it may not have. */
    void publish(BusMessage message, Refusal refusal) throws IOException;
}
