package org.agenthooks.application.port.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.agenthooks.domain.delivery.DeliveryStatus;

/** How many of a webhook's deliveries were created in the hour starting at {@code hour} and are now in {@code status}. */
public record HourlyDeliveryCount(Instant hour, DeliveryStatus status, long count) {
    public HourlyDeliveryCount {
        Objects.requireNonNull(hour, "hour");
        Objects.requireNonNull(status, "status");
        if (!hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
            throw new IllegalArgumentException("not the start of an hour: " + hour);
        }
        if (count < 1) {
            throw new IllegalArgumentException("a count is at least 1: " + count);
        }
    }
}
