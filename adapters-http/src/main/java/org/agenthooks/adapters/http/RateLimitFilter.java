package org.agenthooks.adapters.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;
import org.agenthooks.domain.workspace.ApiKeyId;

/**
 * Limits each API key's requests with {@link TokenBuckets}, one set for ingestion ({@code POST /v1/events} and
 * {@code POST /v1/events/batch}, which takes one token per event: see {@link #takeForEvents}) and one for every
 * other call, and says where the key stands in {@code RateLimit-*} headers on every answer. Runs
 * after {@link ApiKeyFilter}: a request without a valid key was refused before it could count against one.
 */
final class RateLimitFilter implements Filter {
    static final HeaderName LIMIT = HeaderNames.create("RateLimit-Limit");
    static final HeaderName REMAINING = HeaderNames.create("RateLimit-Remaining");
    static final HeaderName RESET = HeaderNames.create("RateLimit-Reset");
    /** More keys than this in a bucket set and the idle ones are dropped. */
    private static final int SWEEP_ABOVE = 10_000;

    private final TokenBuckets management;
    private final TokenBuckets ingest;

    RateLimitFilter(RateLimits limits) {
        this.management = new TokenBuckets(limits.management(), SWEEP_ABOVE, System::nanoTime);
        this.ingest = new TokenBuckets(limits.ingest(), SWEEP_ABOVE, System::nanoTime);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<ApiKeyId> key = req.context().get(ApiKeyId.class);
        if (key.isPresent()) {
            boolean ingesting = req.prologue().method().equals(Method.POST)
                    && (req.path().path().equals("/v1/events")
                            || req.path().path().equals("/v1/events/batch"));
            TokenBuckets buckets = ingesting ? ingest : management;
            answer(res, buckets, buckets.take(key.get()), ingesting);
        }
        chain.proceed();
    }

    /**
     * Takes {@code more} ingest tokens for a batch, which took one on arrival: a batch of N events costs N, as N
     * single posts would. All or none; without them, 429 and nothing of the batch is taken in.
     */
    void takeForEvents(ServerRequest req, ServerResponse res, int more) {
        Optional<ApiKeyId> key = req.context().get(ApiKeyId.class);
        if (key.isPresent() && more > 0) {
            answer(res, ingest, ingest.take(key.get(), more), true);
        }
    }

    private static void answer(
            ServerResponse res, TokenBuckets buckets, TokenBuckets.Decision decision, boolean ingesting) {
        res.header(LIMIT, String.valueOf(decision.limit()));
        res.header(REMAINING, String.valueOf(decision.remaining()));
        res.header(RESET, String.valueOf(decision.resetSeconds()));
        if (!decision.allowed()) {
            throw new HttpProblem(
                    Status.TOO_MANY_REQUESTS_429,
                    "This API key has made too many " + (ingesting ? "event posts" : "management calls")
                            + ": at most " + buckets.rate().burst() + " at once and "
                            + buckets.rate().perSecond() + " a second. Retry after "
                            + decision.retryAfterSeconds() + " s.",
                    Map.of(HeaderNames.RETRY_AFTER.defaultCase(), String.valueOf(decision.retryAfterSeconds())));
        }
    }
}
