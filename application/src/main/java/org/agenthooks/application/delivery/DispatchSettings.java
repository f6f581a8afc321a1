package org.agenthooks.application.delivery;

import java.time.Duration;
import java.util.Objects;
import org.agenthooks.domain.delivery.RetrySchedule;

/**
 * How deliveries are dispatched: the retry schedule, how long a claim lasts, how often due retries are polled,
 * how many attempts may run at once in all and per endpoint (so one slow receiver cannot take every slot), and
 * how finished attempts are stored: up to {@code recordBatch} a commit, gathered for up to {@code recordLinger}, and
 * how long a webhook's attempts may all fail before it is turned off ({@code disableAfter}).
 */
public record DispatchSettings(
        RetrySchedule schedule,
        Duration lease,
        Duration pollInterval,
        int claimBatch,
        int maxInFlight,
        int maxInFlightPerEndpoint,
        int recordBatch,
        Duration recordLinger,
        Duration shutdownGrace,
        Duration disableAfter) {
    public DispatchSettings {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(recordLinger, "recordLinger");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(disableAfter, "disableAfter");
        if (!disableAfter.isPositive()) {
            throw new IllegalArgumentException("disableAfter must be positive");
        }
        if (claimBatch < 1 || maxInFlight < 1 || maxInFlightPerEndpoint < 1 || recordBatch < 1) {
            throw new IllegalArgumentException("batch sizes and concurrency limits must be at least 1");
        }
    }
}
