package org.agenthooks.application.port.out;

import java.time.Instant;
import java.util.Objects;
import org.agenthooks.domain.delivery.DeliveryId;

/**
 * A lease this process holds, with a time its lease cannot end after: a lease another process took since ours ran
 * out ends later, which is how a renewal tells ours from theirs.
 */
public record HeldLease(DeliveryId deliveryId, Instant endsBy) {
    public HeldLease {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(endsBy, "endsBy");
    }
}
