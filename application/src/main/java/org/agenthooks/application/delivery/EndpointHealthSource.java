package org.agenthooks.application.delivery;

import java.util.Optional;
import org.agenthooks.application.port.in.EndpointHealth;

/** What the delivery engine knows of an endpoint ({@code origin}: scheme, host and port), read without waiting. */
public interface EndpointHealthSource {
    Optional<EndpointHealth> endpointHealth(String origin);
}
