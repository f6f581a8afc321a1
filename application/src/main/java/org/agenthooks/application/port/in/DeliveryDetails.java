package org.agenthooks.application.port.in;

import java.util.List;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.Delivery;

/** A delivery and its attempts, oldest first. */
public record DeliveryDetails(Delivery delivery, List<Attempt> attempts) {
    public DeliveryDetails {
        attempts = List.copyOf(attempts);
    }
}
