package org.agenthooks.adapters.observability;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;

/**
 * Counts the API's requests by method, route template ({@code /v1/webhooks/{webhookId}}, never the ids themselves,
 * so the number of series stays bounded) and status, once each has been answered. Requests outside {@code /v1}
 * (the dashboard's files, the observe endpoints) are not API requests and are not counted.
 */
public final class ApiRequestMetrics implements Filter {
    static final String API_REQUESTS = "webhooks.api.requests";
    /** What a request that matched no route is counted under: a path would make a series per typo. */
    static final String UNMATCHED = "unmatched";

    private final MeterRegistry registry;

    public ApiRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        // Read before routing: inside a service registered under a prefix, the request's path is relative to it.
        String path = req.path().path();
        if (!path.equals("/v1") && !path.startsWith("/v1/")) {
            chain.proceed();
            return;
        }
        try {
            chain.proceed();
        } finally {
            String route = req.matchingPattern()
                    .filter(pattern -> !pattern.isBlank())
                    .map(ApiRequestMetrics::withoutTrailingSlash)
                    .orElse(UNMATCHED);
            count(req.prologue().method().text(), route, res.status().code());
        }
    }

    /** A service's own root route reads as its prefix plus {@code /}: {@code /v1/agents/} is {@code /v1/agents}. */
    private static String withoutTrailingSlash(String pattern) {
        return pattern.length() > 1 && pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
    }

    private void count(String method, String route, int status) {
        registry.getOrCreate(Counter.builder(API_REQUESTS)
                        .description("API requests answered, by method, route template and status")
                        .tags(List.of(
                                Tag.create("method", method),
                                Tag.create("route", route),
                                Tag.create("status", Integer.toString(status)))))
                .increment();
    }
}
