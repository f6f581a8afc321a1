package org.agenthooks.domain.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.SigningSecrets;

/**
 * The Standard Webhooks headers of one attempt: {@code webhook-id} (the event's id, the same on every attempt, so
 * a receiver can drop duplicates), {@code webhook-timestamp} (seconds, when the attempt started) and
 * {@code webhook-signature}: one signature per secret valid at that time, space-separated, the newest first.
 */
public record WebhookHeaders(String messageId, long timestampSeconds, String signature) {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /**
     * Sent as {@code released} on an attempt that went ahead of an earlier event of its conversation still pending,
     * because it had waited longer than the order hold.
     */
    public static final String ORDER = "webhook-order";

    public static final String ORDER_RELEASED = "released";

    public WebhookHeaders {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(signature, "signature");
    }

    /** The headers of {@code body} sent at {@code at}, signed with {@code secret}. */
    public static WebhookHeaders signed(Secret secret, String messageId, Instant at, byte[] body) {
        return signed(SigningSecrets.of(secret), messageId, at, body);
    }

    /** The headers of {@code body} sent at {@code at}, signed with every secret still valid then. */
    public static WebhookHeaders signed(SigningSecrets secrets, String messageId, Instant at, byte[] body) {
        long timestamp = at.getEpochSecond();
        String signatures = secrets.validAt(at).stream()
                .map(secret -> Signer.sign(secret, messageId, timestamp, body))
                .collect(Collectors.joining(" "));
        return new WebhookHeaders(messageId, timestamp, signatures);
    }

    public Map<String, String> asMap() {
        return Map.of(ID, messageId, TIMESTAMP, Long.toString(timestampSeconds), SIGNATURE, signature);
    }
}
