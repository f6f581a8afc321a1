package org.agenthooks.domain.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * Thrown when a delivery cannot be attempted again now because an attempt of it is under way; that attempt's lease
 * runs out at {@code leaseUntil} at the latest.
 */
public final class DeliveryInFlightException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DeliveryId deliveryId;
    private final Instant leaseUntil;

    public DeliveryInFlightException(DeliveryId deliveryId, Instant leaseUntil) {
        super("an attempt of delivery " + deliveryId.value() + " is under way", null, false, false);
        this.deliveryId = deliveryId;
        this.leaseUntil = Objects.requireNonNull(leaseUntil, "leaseUntil");
    }

    public DeliveryId deliveryId() {
        return deliveryId;
    }

    public Instant leaseUntil() {
        return leaseUntil;
    }
}
