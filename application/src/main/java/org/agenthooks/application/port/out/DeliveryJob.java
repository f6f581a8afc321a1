package org.agenthooks.application.port.out;

import java.util.Objects;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.webhook.SigningSecrets;
import org.agenthooks.domain.webhook.WebhookUrl;

/** A delivery claimed for an attempt, with what sending it needs: where, the signing secrets and the payload. */
public record DeliveryJob(Delivery delivery, WebhookUrl url, SigningSecrets secrets, byte[] payload) {
    public DeliveryJob {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(payload, "payload");
    }
}
