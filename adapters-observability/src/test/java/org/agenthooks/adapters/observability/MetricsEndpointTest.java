package org.agenthooks.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.helidon.metrics.api.Meter;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenthooks.application.port.out.AttemptOutcome;
import org.agenthooks.application.port.out.Backlog;
import org.agenthooks.application.port.out.EngineMetrics;
import org.agenthooks.domain.event.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /observe/metrics} on a real server: the engine's meters in Prometheus text, with Prometheus names. Meters
 * live in Helidon's one registry, so each test compares a scrape after with a scrape before.
 */
class MetricsEndpointTest {
    private static final List<String> GAUGES =
            List.of(EngineGauges.PENDING, EngineGauges.OLDEST_PENDING_AGE, EngineGauges.IN_FLIGHT);

    private final ObservabilityServer server = new ObservabilityServer();
    private final HelidonEngineMetrics metrics = new HelidonEngineMetrics(server.registry);

    @AfterEach
    void stop() {
        List<Meter> gauges = server
                .registry
                .meters(meter -> GAUGES.contains(meter.id().name()))
                .stream()
                .toList();
        gauges.forEach(server.registry::remove);
        server.close();
    }

    private PrometheusText scrape() {
        HttpResponse<String> response = server.get("/observe/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return new PrometheusText(response.body());
    }

    @Test
    void the_metrics_answer_without_an_api_key_as_prometheus_text() {
        HttpResponse<String> response = server.get("/observe/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).contains("# TYPE webhooks_delivery_attempts_total counter");
    }

    @Test
    void ingested_events_are_counted_by_type() {
        PrometheusText before = scrape();

        metrics.eventIngested(EventType.CONVERSATION_ENDED);
        metrics.eventIngested(EventType.CONVERSATION_ENDED);
        metrics.eventIngested(EventType.CONVERSATION_STARTED);
        PrometheusText after = scrape();

        assertThat(delta(before, after, "webhooks_events_ingested_total", "type", "conversation_ended"))
                .isEqualTo(2);
        assertThat(delta(before, after, "webhooks_events_ingested_total", "type", "conversation_started"))
                .isEqualTo(1);
        assertThat(delta(before, after, "webhooks_events_ingested_total", "type", "conversation_analysed"))
                .isZero();
    }

    @Test
    void attempts_are_counted_by_outcome_and_timed_in_seconds_in_a_histogram() {
        PrometheusText before = scrape();

        metrics.attemptFinished(AttemptOutcome.SUCCEEDED, Duration.ofMillis(20));
        metrics.attemptFinished(AttemptOutcome.RETRIED, Duration.ofMillis(300));
        metrics.attemptFinished(AttemptOutcome.RETRIED, Duration.ofSeconds(3));
        metrics.attemptFinished(AttemptOutcome.GONE, Duration.ofMillis(40));
        PrometheusText after = scrape();

        assertThat(delta(before, after, "webhooks_delivery_attempts_total", "outcome", "succeeded"))
                .isEqualTo(1);
        assertThat(delta(before, after, "webhooks_delivery_attempts_total", "outcome", "retried"))
                .isEqualTo(2);
        assertThat(delta(before, after, "webhooks_delivery_attempts_total", "outcome", "failed"))
                .isZero();
        assertThat(delta(before, after, "webhooks_delivery_attempts_total", "outcome", "gone"))
                .isEqualTo(1);
        assertThat(after.value("webhooks_delivery_attempt_duration_seconds_count")
                        - before.value("webhooks_delivery_attempt_duration_seconds_count"))
                .isEqualTo(4);
        assertThat(after.value("webhooks_delivery_attempt_duration_seconds_sum")
                        - before.value("webhooks_delivery_attempt_duration_seconds_sum"))
                .isCloseTo(3.36, offset(1e-9));
        assertThat(delta(before, after, "webhooks_delivery_attempt_duration_seconds_bucket", "le", "0.025"))
                .isEqualTo(1);
        assertThat(delta(before, after, "webhooks_delivery_attempt_duration_seconds_bucket", "le", "0.5"))
                .isEqualTo(3);
        assertThat(delta(before, after, "webhooks_delivery_attempt_duration_seconds_bucket", "le", "+Inf"))
                .isEqualTo(4);
    }

    @Test
    void group_commit_sizes_are_a_histogram_of_events_per_commit() {
        PrometheusText before = scrape();

        metrics.groupCommitted(1);
        metrics.groupCommitted(7);
        metrics.groupCommitted(200);
        PrometheusText after = scrape();

        assertThat(after.value("webhooks_outbox_commit_size_count") - before.value("webhooks_outbox_commit_size_count"))
                .isEqualTo(3);
        assertThat(after.value("webhooks_outbox_commit_size_sum") - before.value("webhooks_outbox_commit_size_sum"))
                .isEqualTo(208);
        assertThat(delta(before, after, "webhooks_outbox_commit_size_bucket", "le", "10.0"))
                .isEqualTo(2);
    }

    @Test
    void bus_messages_are_counted_by_source_and_outcome() {
        metrics.busMessageHandled("nats", EngineMetrics.BusOutcome.ACCEPTED); // makes the counters appear
        metrics.busMessageHandled("nats", EngineMetrics.BusOutcome.REFUSED);
        PrometheusText before = scrape();

        metrics.busMessageHandled("nats", EngineMetrics.BusOutcome.ACCEPTED);
        metrics.busMessageHandled("nats", EngineMetrics.BusOutcome.ACCEPTED);
        metrics.busMessageHandled("nats", EngineMetrics.BusOutcome.REFUSED);
        PrometheusText after = scrape();

        assertThat(after.text())
                .containsPattern("webhooks_bus_messages_total\\{outcome=\"accepted\",[^}]*source=\"nats\"");
        assertThat(delta(before, after, "webhooks_bus_messages_total", "outcome", "accepted"))
                .isEqualTo(2);
        assertThat(delta(before, after, "webhooks_bus_messages_total", "outcome", "refused"))
                .isEqualTo(1);
    }

    @Test
    void webhooks_turned_off_by_the_service_are_counted() {
        PrometheusText before = scrape();

        metrics.webhookAutoDisabled();

        assertThat(scrape().value("webhooks_auto_disabled_total") - before.value("webhooks_auto_disabled_total"))
                .isEqualTo(1);
    }

    @Test
    void circuit_openings_are_counted_and_the_open_endpoints_are_a_gauge() {
        PrometheusText before = scrape();
        metrics.endpointCircuitOpened();
        metrics.endpointCircuitOpened();
        EngineGauges.registerOpenEndpoints(server.registry, () -> 3);

        PrometheusText after = scrape();

        assertThat(after.value("webhooks_endpoint_circuits_opened_total")
                        - before.value("webhooks_endpoint_circuits_opened_total"))
                .isEqualTo(2);
        assertThat(after.value("webhooks_endpoints_open")).isEqualTo(3);
    }

    @Test
    void the_backlog_gauges_sample_the_backlog_at_most_once_per_refresh_and_tell_the_oldest_age_in_seconds() {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");
        AtomicInteger samples = new AtomicInteger();
        EngineGauges.register(
                server.registry,
                () -> {
                    samples.incrementAndGet();
                    return new Backlog(3, Optional.of(now.minusMillis(90_500)));
                },
                Duration.ofHours(1),
                () -> 5,
                Clock.fixed(now, ZoneOffset.UTC));

        PrometheusText first = scrape();
        PrometheusText second = scrape();

        assertThat(first.value("webhooks_deliveries_pending")).isEqualTo(3);
        assertThat(first.value("webhooks_deliveries_oldest_pending_age_seconds"))
                .isEqualTo(90.5);
        assertThat(first.value("webhooks_delivery_attempts_in_flight")).isEqualTo(5);
        assertThat(second.value("webhooks_deliveries_pending")).isEqualTo(3);
        assertThat(samples).hasValue(1);
    }

    @Test
    void gauges_registered_again_read_the_new_backlog_not_the_one_registered_first() {
        EngineGauges.register(server.registry, () -> Backlog.EMPTY, Duration.ZERO, () -> 1, Clock.systemUTC());
        EngineGauges.register(
                server.registry,
                () -> new Backlog(9, Optional.of(Instant.now())),
                Duration.ZERO,
                () -> 2,
                Clock.systemUTC());

        PrometheusText text = scrape();

        assertThat(text.value("webhooks_deliveries_pending")).isEqualTo(9);
        assertThat(text.value("webhooks_delivery_attempts_in_flight")).isEqualTo(2);
    }

    @Test
    void a_backlog_that_cannot_be_read_leaves_the_scrape_answering() {
        EngineGauges.register(
                server.registry,
                () -> {
                    throw new IllegalStateException("database down");
                },
                Duration.ZERO,
                () -> 0,
                Clock.systemUTC());

        PrometheusText text = scrape();

        assertThat(text.value("webhooks_deliveries_pending")).isNaN();
        assertThat(text.value("webhooks_delivery_attempts_in_flight")).isZero();
    }

    private static double delta(
            PrometheusText before, PrometheusText after, String metric, String label, String labelValue) {
        return after.value(metric, label, labelValue) - before.value(metric, label, labelValue);
    }
}
