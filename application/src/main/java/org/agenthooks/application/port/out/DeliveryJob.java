package org.agenthooks.application.port.out;

import java.util.Objects;
import java.util.Optional;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.event.TraceParent;
import org.agenthooks.domain.webhook.SigningSecrets;
import org.agenthooks.domain.webhook.WebhookUrl;

/**
 * A delivery claimed for an attempt, with what sending it needs: where, the signing secrets and the payload.
 * {@code orderReleased}: it goes ahead of an earlier event of its conversation that is still pending, because it
 * waited longer than the order hold (the attempt says so in a header). {@code traceParent}: the trace its event
 * belongs to, which the attempt joins.
 */
public record DeliveryJob(
        Delivery delivery,
        WebhookUrl url,
        SigningSecrets secrets,
        byte[] payload,
        boolean orderReleased,
        Optional<TraceParent> traceParent) {
    public DeliveryJob {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(traceParent, "traceParent");
    }

    /** A job of an event of no trace. */
    public DeliveryJob(
            Delivery delivery, WebhookUrl url, SigningSecrets secrets, byte[] payload, boolean orderReleased) {
        this(delivery, url, secrets, payload, orderReleased, Optional.empty());
    }

    /** A job in its conversation's order (or of no conversation), of an event of no trace. */
    public DeliveryJob(Delivery delivery, WebhookUrl url, SigningSecrets secrets, byte[] payload) {
        this(delivery, url, secrets, payload, false);
    }

    /** A job in its conversation's order (or of no conversation), of an event in the trace {@code traceParent}. */
    public DeliveryJob(
            Delivery delivery,
            WebhookUrl url,
            SigningSecrets secrets,
            byte[] payload,
            Optional<TraceParent> traceParent) {
        this(delivery, url, secrets, payload, false, traceParent);
    }
}
