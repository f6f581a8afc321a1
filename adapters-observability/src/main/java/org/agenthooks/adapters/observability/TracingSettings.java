package org.agenthooks.adapters.observability;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Tracing: whether each delivery carries {@code traceparent} ({@code propagate}), where spans are exported (an OTLP
 * over HTTP traces endpoint, such as {@code http://collector:4318/v1/traces}; none: nothing is recorded and no SDK is
 * started), and the {@code service.name} they are exported under.
 */
public record TracingSettings(boolean propagate, Optional<URI> otlpEndpoint, String serviceName) {
    public TracingSettings {
        Objects.requireNonNull(otlpEndpoint, "otlpEndpoint");
        if (serviceName == null || serviceName.isBlank()) {
            throw new IllegalArgumentException("service name must not be blank");
        }
    }
}
