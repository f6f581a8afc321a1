package org.agenthooks.application.port.query;

import org.agenthooks.domain.delivery.DeliveryStatus;

/** How many deliveries are in each status. */
public record DeliveryCounts(long pending, long succeeded, long failed) {
    public static final DeliveryCounts NONE = new DeliveryCounts(0, 0, 0);

    public DeliveryCounts {
        if (pending < 0 || succeeded < 0 || failed < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** These counts and {@code count} more in {@code status}. */
    public DeliveryCounts plus(DeliveryStatus status, long count) {
        return switch (status) {
            case PENDING -> new DeliveryCounts(pending + count, succeeded, failed);
            case SUCCEEDED -> new DeliveryCounts(pending, succeeded + count, failed);
            case FAILED -> new DeliveryCounts(pending, succeeded, failed + count);
        };
    }

    public DeliveryCounts plus(DeliveryCounts other) {
        return new DeliveryCounts(pending + other.pending, succeeded + other.succeeded, failed + other.failed);
    }

    public long total() {
        return pending + succeeded + failed;
    }
}
