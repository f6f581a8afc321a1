package org.agenthooks.application.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * What a requeue did: the delivery was requeued and leased to the caller ({@link Requeued}), it is gone
 * ({@link Gone}), or an attempt of it is under way ({@link InFlight}: leased until {@code leaseUntil}, so nothing
 * was changed).
 */
public sealed interface RequeueResult {
    /** Requeued, and leased to the caller; {@code job} holds the delivery as stored. */
    record Requeued(DeliveryJob job) implements RequeueResult {
        public Requeued {
            Objects.requireNonNull(job, "job");
        }
    }

    /** No such delivery in the caller's workspace (any more). */
    record Gone() implements RequeueResult {}

    /** Leased by an attempt under way until {@code leaseUntil}; left as it was. */
    record InFlight(Instant leaseUntil) implements RequeueResult {
        public InFlight {
            Objects.requireNonNull(leaseUntil, "leaseUntil");
        }
    }
}
