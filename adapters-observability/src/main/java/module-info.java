/**
 * Health checks and Prometheus metrics through Helidon's observe support; the engine's metrics port; the tracing
 * port on the OpenTelemetry SDK.
 */
module org.agenthooks.adapters.observability {
    requires org.agenthooks.application;
    requires io.helidon.webserver;
    requires io.helidon.webserver.observe;
    requires io.helidon.webserver.observe.health;
    requires io.helidon.webserver.observe.metrics;
    requires io.helidon.health;
    requires io.helidon.metrics.api;
    requires io.opentelemetry.api;
    requires io.opentelemetry.context;
    requires io.opentelemetry.sdk.common;
    requires io.opentelemetry.sdk.trace;
    requires io.opentelemetry.exporter.otlp;

    exports org.agenthooks.adapters.observability to
            org.agenthooks.bootstrap;
}
