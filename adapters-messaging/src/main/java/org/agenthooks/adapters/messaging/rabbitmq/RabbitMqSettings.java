package org.agenthooks.adapters.messaging.rabbitmq;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The RabbitMQ source ({@code ingest.rabbitmq.*}): the broker, the queue every instance consumes (competing
 * consumers), the queue refused messages go to, and how many unacknowledged messages one instance holds.
 *
 * @param uri {@code amqp://user:password@host:port/vhost} or {@code amqps://...}
 * @param prefetch the most messages delivered to this instance and not yet acknowledged; they are ingested
 *     concurrently, so the outbox commits them together
 * @param retryDelay how long a message that failed for a passing reason (the database down) is held before it is
 *     handed back to the queue, so a failing instance does not spin on it
 * @param connectionName the name this instance's connection shows in the broker's management tools
 */
public record RabbitMqSettings(
        URI uri, String queue, String deadLetterQueue, int prefetch, Duration retryDelay, String connectionName) {
    public RabbitMqSettings {
        Objects.requireNonNull(uri, "uri");
        if (!"amqp".equals(uri.getScheme()) && !"amqps".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the URI must start with amqp:// or amqps://");
        }
        requireName(queue, "queue");
        requireName(deadLetterQueue, "dead-letter queue");
        if (deadLetterQueue.equals(queue)) {
            throw new IllegalArgumentException("the dead-letter queue must differ from the queue consumed");
        }
        if (prefetch < 1 || prefetch > 65_535) {
            throw new IllegalArgumentException("prefetch must be from 1 to 65535 (AMQP's limit), was " + prefetch);
        }
        if (retryDelay.isNegative()) {
            throw new IllegalArgumentException("the retry delay must not be negative");
        }
        Objects.requireNonNull(connectionName, "connectionName");
    }

    /** The URI with its password masked, for logs. */
    public String safeUri() {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || !userInfo.contains(":")) {
            return uri.toString();
        }
        return uri.toString().replace(userInfo, userInfo.substring(0, userInfo.indexOf(':')) + ":***");
    }

    private static void requireName(String name, String what) {
        // AMQP's short strings: at most 255 bytes; names starting amq. are the broker's own.
        if (name == null || name.isBlank() || name.length() > 255 || name.startsWith("amq.")) {
            throw new IllegalArgumentException("the " + what + " needs a name of 1 to 255 characters, not amq.*");
        }
    }
}
