package org.agenthooks.application.delivery;

import java.time.Duration;
import java.time.Instant;
import org.agenthooks.domain.delivery.AttemptResult;

/**
 * How many attempts may run at once against one endpoint, adapted as TCP adapts its window (AIMD): a fast answer
 * adds {@code 1/limit} (one more slot per round of answers), a timeout, refusal, 5xx or 429 cuts the limit to
 * {@value #OVERLOAD_BACKOFF} of itself, an answer much slower than the endpoint's usual latency to
 * {@value #LATENCY_BACKOFF}; always between 1 and {@code max}. Not thread-safe: the lanes call it under their lock.
 */
final class EndpointLimit {
    static final double OVERLOAD_BACKOFF = 0.7;
    static final double LATENCY_BACKOFF = 0.9;
    /** How much one answer moves the latency baseline: slow enough that one slow answer does not become normal. */
    private static final double BASELINE_WEIGHT = 0.05;
    /** An answer is slow above twice the baseline plus this, so that jitter on a sub-millisecond LAN is no signal. */
    private static final Duration LATENCY_SLACK = Duration.ofMillis(50);

    private final int max;
    private double limit;
    private double baselineNanos = Double.NaN;
    /** Attempts started before the last cut saw the old limit: their failures do not cut it again (once per round). */
    private Instant lastCut = Instant.MIN;

    EndpointLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.max = max;
        this.limit = max;
    }

    int limit() {
        return (int) Math.max(1, Math.min(max, Math.floor(limit)));
    }

    /** Learns from an attempt that started at {@code started} and ended at {@code now} with {@code result}. */
    void record(AttemptResult result, Instant started, Instant now) {
        if (overloaded(result)) {
            cut(OVERLOAD_BACKOFF, started, now);
            return;
        }
        long took = result.took().toNanos();
        boolean slow = !Double.isNaN(baselineNanos) && took > 2 * baselineNanos + LATENCY_SLACK.toNanos();
        baselineNanos = Double.isNaN(baselineNanos) ? took : baselineNanos + BASELINE_WEIGHT * (took - baselineNanos);
        if (slow) {
            cut(LATENCY_BACKOFF, started, now);
        } else {
            limit = Math.min(max, limit + 1 / limit);
        }
    }

    /** The endpoint's usual answer time so far, if it has answered. */
    Duration baseline() {
        return Double.isNaN(baselineNanos) ? Duration.ZERO : Duration.ofNanos((long) baselineNanos);
    }

    private void cut(double factor, Instant started, Instant now) {
        if (started.isBefore(lastCut)) {
            return;
        }
        limit = Math.max(1, limit * factor);
        lastCut = now;
    }

    /** No answer (timeout, refused, reset), a server error, or "too many requests". */
    static boolean overloaded(AttemptResult result) {
        return result.statusCode().map(code -> code == 429 || code >= 500).orElse(true);
    }
}
