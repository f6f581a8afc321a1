package org.agenthooks.application.port.in;

import java.util.Optional;
import org.agenthooks.domain.webhook.WebhookUrl;

/** Use case: reading how this instance's delivery engine sees the endpoint a webhook's URL points at. */
public interface GetEndpointHealthUseCase {
    /** Empty if this instance has not sent to that endpoint (lately). */
    Optional<EndpointHealth> endpointHealth(WebhookUrl url);
}
