package org.agenthooks.application.port.query;

import java.util.Objects;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.AgentEvent;

/** An event meant for a webhook, with the status of its latest delivery there. */
public record WebhookEvent(AgentEvent event, DeliveryStatus deliveryStatus) {
    public WebhookEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(deliveryStatus, "deliveryStatus");
    }
}
