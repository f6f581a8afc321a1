package org.agenthooks.application.port.out;

import java.util.Locale;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryStatus;

/** What one attempt led to: its delivery succeeded, will be retried, failed for good, or its receiver is gone. */
public enum AttemptOutcome {
    SUCCEEDED,
    RETRIED,
    FAILED,
    GONE;

    /** The outcome of an attempt that ended with {@code result} and left its delivery as {@code after}. */
    public static AttemptOutcome of(AttemptResult result, Delivery after) {
        if (result.succeeded()) {
            return SUCCEEDED;
        }
        if (result.gone()) {
            return GONE;
        }
        return after.status() == DeliveryStatus.PENDING ? RETRIED : FAILED;
    }

    /** The lower-case name, as metrics label it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
