package org.agenthooks.adapters.observability;

import io.helidon.common.config.Config;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.time.Duration;
import org.agenthooks.application.port.out.StorageHealth;

/**
 * Helidon's observe feature with this service's observers: health ({@code /observe/health/live}, and
 * {@code /observe/health/ready}, ready while the database answers) and metrics ({@code /observe/metrics}, Prometheus
 * text). Its Helidon configuration ({@code server.features.observe}) is honoured, so {@code sockets: ["admin"]}
 * serves these on a second socket instead of beside the API.
 */
public final class Observability {
    private static final double ABOVE_ROUTING = 110;

    private Observability() {}

    /** The feature to add to the web server, configured by {@code observeConfig} (which may be empty). */
    public static ObserveFeature feature(
            Config observeConfig, MeterRegistry registry, StorageHealth storage, Duration readinessTimeout) {
        return ObserveFeature.builder()
                .config(observeConfig)
                // Above the routing's own weight (100), so its routes come before the API's catch-all 404.
                .weight(ABOVE_ROUTING)
                .observersDiscoverServices(false)
                .addObserver(HealthObserver.builder()
                        .details(true)
                        .useSystemServices(false)
                        .addCheck(new DatabaseReadinessCheck(storage, readinessTimeout))
                        .build())
                .addObserver(MetricsObserver.builder().meterRegistry(registry).build())
                .build();
    }
}
