package org.agenthooks.adapters.http;

import io.helidon.webserver.http.HttpRouting;
import org.agenthooks.application.port.in.AuthenticateUseCase;

/** The whole REST API as Helidon routing: {@code main} and the tests both call {@link #routing}. */
public final class RestApi {
    private final AuthenticateUseCase authenticate;
    private final WebhookUseCases webhooks;
    private final AgentUseCases agents;
    private final DeliveryUseCases deliveries;
    private final long maxBodyBytes;

    public RestApi(AuthenticateUseCase authenticate, WebhookUseCases webhooks, AgentUseCases agents,
                   DeliveryUseCases deliveries, long maxBodyBytes) {
        this.authenticate = authenticate;
        this.webhooks = webhooks;
        this.agents = agents;
        this.deliveries = deliveries;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void routing(HttpRouting.Builder routing) {
        JsonBodies bodies = new JsonBodies(maxBodyBytes);
        routing.addFilter(new ApiKeyFilter(authenticate))
                .register("/v1/webhooks", new WebhooksHttpService(webhooks, deliveries, bodies))
                .register("/v1/agents", new AgentsHttpService(agents, bodies))
                .register("/v1/events", new EventsHttpService(deliveries, bodies))
                .register("/v1/deliveries", new DeliveriesHttpService(deliveries))
                .register("/v1/event-types", new EventTypesHttpService())
                .register("/openapi", new OpenApiHttpService())
                .any(Problems::noSuchRoute);
        Problems.register(routing);
    }
}
