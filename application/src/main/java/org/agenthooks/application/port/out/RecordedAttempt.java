package org.agenthooks.application.port.out;

import java.util.Objects;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.Delivery;

/** An attempt to store, with the delivery's state after it. Storing it also ends the delivery's lease. */
public record RecordedAttempt(Delivery delivery, Attempt attempt) {
    public RecordedAttempt {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(attempt, "attempt");
    }
}
