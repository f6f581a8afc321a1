package org.agenthooks.application.service;

import java.util.Optional;
import org.agenthooks.application.delivery.EndpointHealthSource;
import org.agenthooks.application.port.in.EndpointHealth;
import org.agenthooks.application.port.in.GetEndpointHealthUseCase;
import org.agenthooks.domain.webhook.WebhookUrl;

/** Reads the engine's view of the URL's endpoint; the state is in memory, per instance. */
public final class GetEndpointHealthService implements GetEndpointHealthUseCase {
    private final EndpointHealthSource engine;

    public GetEndpointHealthService(EndpointHealthSource engine) {
        this.engine = engine;
    }

    @Override
    public Optional<EndpointHealth> endpointHealth(WebhookUrl url) {
        return engine.endpointHealth(url.origin());
    }
}
