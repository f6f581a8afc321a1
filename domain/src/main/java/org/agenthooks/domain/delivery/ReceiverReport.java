package org.agenthooks.domain.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a receiver saw and computed when its signature check failed: the three Standard Webhooks headers, the body
 * exactly as it verified it, and optionally the signature its code produced and its clock.
 */
public record ReceiverReport(
        String messageId,
        long timestampSeconds,
        String signatureHeader,
        byte[] body,
        Optional<String> computedSignature,
        Optional<Instant> receiverTime) {
    public ReceiverReport {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(signatureHeader, "signatureHeader");
        body = body.clone();
        Objects.requireNonNull(computedSignature, "computedSignature");
        Objects.requireNonNull(receiverTime, "receiverTime");
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
