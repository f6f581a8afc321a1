package org.agenthooks.adapters.http;

/**
 * How many requests one API key may make: management calls and event ingestion ({@code POST /v1/events}) each
 * have a token bucket of their own, per key and per instance.
 */
public record RateLimits(Rate management, Rate ingest) {

    /** A bucket of {@code burst} requests, refilled at {@code perSecond}. */
    public record Rate(int perSecond, int burst) {
        public Rate {
            if (perSecond < 1 || burst < 1) {
                throw new IllegalArgumentException(
                        "a rate needs at least 1 request a second and a burst of at least 1, was " + perSecond + "/s, "
                                + burst);
            }
        }
    }
}
