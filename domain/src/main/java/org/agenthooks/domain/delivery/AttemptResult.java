package org.agenthooks.domain.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one HTTP attempt came to. Any 2xx is a success; 410 Gone means the receiver wants no more; anything else
 * (other statuses, redirects, timeouts, refused connections) is a failure to retry.
 */
public record AttemptResult(
        Optional<Integer> statusCode,
        Optional<String> error,
        Optional<Duration> retryAfter,
        Duration took,
        String responseExcerpt) {
    public static final int EXCERPT_BYTES = 4096;

    public AttemptResult {
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(responseExcerpt, "responseExcerpt");
    }

    public static AttemptResult answered(
            int statusCode, Optional<Duration> retryAfter, Duration took, String responseExcerpt) {
        return new AttemptResult(Optional.of(statusCode), Optional.empty(), retryAfter, took, responseExcerpt);
    }

    /** No HTTP answer at all: refused, reset, timed out, or refused by policy before connecting. */
    public static AttemptResult unreachable(String error, Duration took) {
        return new AttemptResult(Optional.empty(), Optional.of(error), Optional.empty(), took, "");
    }

    public boolean succeeded() {
        return statusCode.map(code -> code >= 200 && code < 300).orElse(false);
    }

    public boolean gone() {
        return statusCode.map(code -> code == 410).orElse(false);
    }
}
