package org.agenthooks.adapters.messaging;

import java.time.Duration;
import java.util.Objects;

/**
 * The NATS JetStream source ({@code ingest.nats.*}): the server, the stream and subject events are published on,
 * the durable pull consumer every instance shares, where refused messages go, and whether to create the stream
 * when it is missing.
 *
 * @param batch how many messages one pull asks for; they are ingested together, so the outbox commits them in few
 *     transactions
 * @param retryDelay how long a message that failed for a passing reason (the database down) waits to come again
 * @param ackWait how long the server waits for an ack before it redelivers (to this or another instance)
 */
public record NatsSettings(
        String url,
        String stream,
        String subject,
        String durable,
        String deadLetterSubject,
        boolean createStream,
        int batch,
        Duration retryDelay,
        Duration ackWait) {
    public NatsSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(durable, "durable");
        Objects.requireNonNull(deadLetterSubject, "deadLetterSubject");
        if (isWildcard(subject) || isWildcard(deadLetterSubject)) {
            // A wildcard subject would take in its own dead letters (or one could not be published to at all).
            throw new IllegalArgumentException("subjects must be literal, without '*' or '>' tokens");
        }
        if (deadLetterSubject.equals(subject)) {
            throw new IllegalArgumentException("the dead-letter subject must differ from the subject consumed");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1");
        }
        if (retryDelay.isNegative() || ackWait.isNegative() || ackWait.isZero()) {
            throw new IllegalArgumentException("retryDelay must not be negative, ackWait must be positive");
        }
    }

    /** Whether a subject has a {@code *} or {@code >} token, and so names many subjects rather than one. */
    public static boolean isWildcard(String subject) {
        for (String token : subject.split("\\.", -1)) {
            if (token.equals("*") || token.equals(">")) {
                return true;
            }
        }
        return false;
    }
}
