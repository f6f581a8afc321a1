package org.agenthooks.application.port.out;

import java.util.Objects;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.webhook.SigningSecrets;
import org.agenthooks.domain.webhook.WebhookUrl;

/**
 * A delivery claimed for an attempt, with what sending it needs: where, the signing secrets and the payload.
 * {@code orderReleased}: it goes ahead of an earlier event of its conversation that is still pending, because it
 * waited longer than the order hold (the attempt says so in a header).
 */
public record DeliveryJob(
        Delivery delivery, WebhookUrl url, SigningSecrets secrets, byte[] payload, boolean orderReleased) {
    public DeliveryJob {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(payload, "payload");
    }

    /** A job in its conversation's order (or of no conversation). */
    public DeliveryJob(Delivery delivery, WebhookUrl url, SigningSecrets secrets, byte[] payload) {
        this(delivery, url, secrets, payload, false);
    }
}
