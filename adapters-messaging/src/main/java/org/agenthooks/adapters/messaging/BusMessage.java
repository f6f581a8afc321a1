package org.agenthooks.adapters.messaging;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message as any broker hands it over: its body (the JSON of {@code POST /v1/events}, plus an optional
 * {@code workspaceId}), its headers (first value of each name), the broker's own id of it if it has one
 * (JetStream's {@code Nats-Msg-Id}, AMQP's {@code message-id}), and where it came from, for logs.
 */
public record BusMessage(byte[] body, Map<String, String> headers, Optional<String> brokerMessageId, String origin) {
    public BusMessage {
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(brokerMessageId, "brokerMessageId");
        Objects.requireNonNull(origin, "origin");
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
