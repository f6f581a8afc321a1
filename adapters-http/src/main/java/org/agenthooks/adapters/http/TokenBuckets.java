package org.agenthooks.adapters.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.agenthooks.domain.workspace.ApiKeyId;

/**
 * One token bucket per API key, all of one {@link RateLimits.Rate}: a key may make up to {@code burst} requests at
 * once, and one more each {@code 1 / perSecond} s after. A bucket that has filled up again is the same as none,
 * so once there are more than {@code sweepAbove} buckets the full ones are dropped (at most once a second).
 */
final class TokenBuckets {
    /** The answer to one request: whether it may go on, and what the rate limit headers say. */
    record Decision(boolean allowed, int limit, long remaining, long resetSeconds, long retryAfterSeconds) {}

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final RateLimits.Rate rate;
    private final int sweepAbove;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<ApiKeyId, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long sweptAt;

    TokenBuckets(RateLimits.Rate rate, int sweepAbove, LongSupplier nanoTime) {
        this.rate = rate;
        this.sweepAbove = sweepAbove;
        this.nanoTime = nanoTime;
        this.sweptAt = nanoTime.getAsLong();
    }

    RateLimits.Rate rate() {
        return rate;
    }

    /** Takes a token from {@code key}'s bucket if there is one. */
    Decision take(ApiKeyId key) {
        return take(key, 1);
    }

    /** Takes {@code tokens} from {@code key}'s bucket if it has them all, else none. */
    Decision take(ApiKeyId key, int tokens) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > sweepAbove && now - sweptAt >= NANOS_PER_SECOND) {
            sweptAt = now;
            // A request racing with the sweep may take from a bucket just dropped: one token at most, forgiven.
            buckets.values().removeIf(bucket -> bucket.fullAt(now));
        }
        return buckets.computeIfAbsent(key, id -> new Bucket(now)).take(now, tokens);
    }

    /** How many buckets are kept. */
    int size() {
        return buckets.size();
    }

    private final class Bucket {
        private double tokens = rate.burst();
        private long refilledAt;

        Bucket(long now) {
            this.refilledAt = now;
        }

        synchronized Decision take(long now, int taken) {
            refill(now);
            boolean allowed = tokens >= taken;
            if (allowed) {
                tokens -= taken;
            }
            return new Decision(
                    allowed,
                    rate.burst(),
                    (long) Math.floor(tokens),
                    secondsToGain(rate.burst() - tokens),
                    allowed ? 0 : Math.max(1, secondsToGain(taken - tokens)));
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= rate.burst();
        }

        private void refill(long now) {
            tokens = Math.min(rate.burst(), tokens + (double) (now - refilledAt) * rate.perSecond() / NANOS_PER_SECOND);
            refilledAt = now;
        }

        /** Whole seconds, rounded up, until {@code needed} more tokens have come in. */
        private long secondsToGain(double needed) {
            return needed <= 0 ? 0 : (long) Math.ceil(needed / rate.perSecond());
        }
    }
}
