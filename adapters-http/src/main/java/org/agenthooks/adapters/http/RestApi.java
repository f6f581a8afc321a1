package org.agenthooks.adapters.http;

import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import org.agenthooks.application.port.in.AuthenticateUseCase;

/** The whole REST API as Helidon routing: {@code main} and the tests both call {@link #routing}. */
public final class RestApi {
    private final AuthenticateUseCase authenticate;
    private final WebhookUseCases webhooks;
    private final AgentUseCases agents;
    private final DeliveryUseCases deliveries;
    /** The batch body limit when none is given: room for 500 events of about 16 KiB each. */
    static final long DEFAULT_MAX_BATCH_BODY_BYTES = 8L * 1024 * 1024;

    private final long maxBodyBytes;
    private final long maxBatchBodyBytes;
    private final RateLimitFilter rateLimits;

    public RestApi(
            AuthenticateUseCase authenticate,
            WebhookUseCases webhooks,
            AgentUseCases agents,
            DeliveryUseCases deliveries,
            long maxBodyBytes,
            RateLimits rateLimits) {
        this(authenticate, webhooks, agents, deliveries, maxBodyBytes, DEFAULT_MAX_BATCH_BODY_BYTES, rateLimits);
    }

    public RestApi(
            AuthenticateUseCase authenticate,
            WebhookUseCases webhooks,
            AgentUseCases agents,
            DeliveryUseCases deliveries,
            long maxBodyBytes,
            long maxBatchBodyBytes,
            RateLimits rateLimits) {
        this.authenticate = authenticate;
        this.webhooks = webhooks;
        this.agents = agents;
        this.deliveries = deliveries;
        this.maxBodyBytes = maxBodyBytes;
        this.maxBatchBodyBytes = maxBatchBodyBytes;
        // One filter for the routing and the batch endpoint, which takes a token per event from the same buckets.
        this.rateLimits = new RateLimitFilter(rateLimits);
    }

    public void routing(HttpRouting.Builder routing) {
        routing.addFilter(new ApiKeyFilter(authenticate));
        routing.addFilter(rateLimits);
        services().forEach((prefix, service) -> routing.register(prefix, service));
        routing.any(Problems::noSuchRoute);
        Problems.register(routing);
    }

    /** Helidon's answers to what it refuses before routing, as problem+json: give them to the web server. */
    public static DirectHandlers directHandlers() {
        return ProblemDirectHandler.all();
    }

    /**
     * HTTP/1.1 as this API speaks it: Helidon's defaults, and a connection closed when a request's head and body
     * have not arrived within {@code requestReadTimeout} of its request line.
     */
    public static Http1Config http1(Duration requestReadTimeout) {
        RequestReadDeadline deadline = new RequestReadDeadline(requestReadTimeout);
        return Http1Config.builder()
                .addReceiveListener(deadline)
                .addSendListener(deadline)
                .build();
    }

    /** Each path prefix and the service routed under it, in order; the OpenAPI test reads the routes from here. */
    SequencedMap<String, HttpService> services() {
        JsonBodies bodies = new JsonBodies(maxBodyBytes);
        SequencedMap<String, HttpService> services = new LinkedHashMap<>();
        services.put("/v1/webhooks", new WebhooksHttpService(webhooks, deliveries, bodies));
        services.put("/v1/agents", new AgentsHttpService(agents, bodies));
        services.put(
                "/v1/events", new EventsHttpService(deliveries, bodies, new JsonBodies(maxBatchBodyBytes), rateLimits));
        services.put("/v1/deliveries", new DeliveriesHttpService(deliveries));
        services.put("/v1/event-types", new EventTypesHttpService());
        services.put("/openapi", new OpenApiHttpService());
        return Collections.unmodifiableSequencedMap(services);
    }
}
