package org.agenthooks.adapters.observability;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.util.function.BooleanSupplier;

/**
 * Readiness of one configured way in that is not HTTP (a message-bus source): down while its consumer is not
 * connected to its broker. The API still serves meanwhile; readiness says that this source takes nothing in.
 */
final class SourceReadinessCheck implements HealthCheck {
    private final String source;
    private final BooleanSupplier connected;

    SourceReadinessCheck(String source, BooleanSupplier connected) {
        this.source = source;
        this.connected = connected;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "source-" + source;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = connected.getAsBoolean();
        return HealthCheckResponse.builder()
                .status(up)
                .detail("connected", up ? "yes" : "no")
                .build();
    }
}
