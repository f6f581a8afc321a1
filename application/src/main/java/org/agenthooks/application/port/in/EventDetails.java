package org.agenthooks.application.port.in;

import java.util.List;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.event.AgentEvent;

/** An event and where it stands with each webhook. */
public record EventDetails(AgentEvent event, List<Delivery> deliveries) {
    public EventDetails {
        deliveries = List.copyOf(deliveries);
    }
}
