package org.agenthooks.adapters.observability;

import io.helidon.common.config.Config;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.agenthooks.application.port.out.DeliveryBacklog;
import org.agenthooks.application.port.out.EngineMetrics;
import org.agenthooks.application.port.out.StorageHealth;

/**
 * Everything this adapter gives the service, over one Helidon meter registry: the engine's metrics port, the gauges
 * read at scrape time, the API request counter, and Helidon's observe feature with health
 * ({@code /observe/health/live}, and {@code /observe/health/ready}: ready while the database answers) and metrics
 * ({@code /observe/metrics}, Prometheus text). The feature honours its Helidon configuration
 * ({@code server.features.observe}), so {@code sockets: ["admin"]} serves it on a second socket, away from the API.
 */
public final class Observability {
    /** Above the routing's own weight (100), so the observe routes come before the API's catch-all 404. */
    private static final double ABOVE_ROUTING = 110;

    private final MeterRegistry registry;
    private final HelidonEngineMetrics engineMetrics;
    private final List<SourceReadinessCheck> sources = new CopyOnWriteArrayList<>();

    Observability(MeterRegistry registry) {
        this.registry = registry;
        this.engineMetrics = new HelidonEngineMetrics(registry);
    }

    /** Over Helidon's global registry, the one {@code /observe/metrics} shows by default. */
    public static Observability global() {
        return new Observability(Metrics.globalRegistry());
    }

    public EngineMetrics engineMetrics() {
        return engineMetrics;
    }

    /** Registers the gauges of the backlog (sampled at most once per {@code refresh}) and of attempts in flight. */
    public void watch(DeliveryBacklog backlog, Duration refresh, IntSupplier attemptsInFlight, Clock clock) {
        EngineGauges.register(registry, backlog, refresh, attemptsInFlight, clock);
    }

    /** The filter that counts API requests; add it to the API's routing. */
    /** Reports how many endpoints' circuits are open now, as read from the delivery engine at each scrape. */
    public void watchEndpoints(IntSupplier openEndpoints) {
        EngineGauges.registerOpenEndpoints(registry, openEndpoints);
    }

    /**
     * Makes readiness also depend on a way in such as a message-bus source ({@code source-<name>}): not ready
     * while {@code connected} says false. Call before {@link #feature}.
     */
    public void watchSource(String name, BooleanSupplier connected) {
        sources.add(new SourceReadinessCheck(name, connected));
    }

    public Filter apiRequests() {
        return new ApiRequestMetrics(registry);
    }

    /** The feature to add to the web server, configured by {@code observeConfig} (which may be empty). */
    public ObserveFeature feature(Config observeConfig, StorageHealth storage, Duration readinessTimeout) {
        var health = HealthObserver.builder()
                .details(true)
                .useSystemServices(false)
                .addCheck(new DatabaseReadinessCheck(storage, readinessTimeout));
        sources.forEach(health::addCheck);
        return ObserveFeature.builder()
                .config(observeConfig)
                .weight(ABOVE_ROUTING)
                .observersDiscoverServices(false)
                .addObserver(health.build())
                .addObserver(MetricsObserver.builder().meterRegistry(registry).build())
                .build();
    }
}
