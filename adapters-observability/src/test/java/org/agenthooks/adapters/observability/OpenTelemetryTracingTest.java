package org.agenthooks.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agenthooks.application.port.out.Tracing;
import org.agenthooks.application.port.out.Tracing.Step;
import org.agenthooks.domain.event.TraceParent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenTelemetryTracingTest {
    private static final TraceParent INCOMING = TraceParent.parse(
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .orElseThrow();
    private static final TracingSettings EXPORTING =
            new TracingSettings(true, Optional.of(URI.create("http://127.0.0.1:1/v1/traces")), "webhooks-test");

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetryTracing tracing = OpenTelemetryTracing.exportingTo(exporter, EXPORTING);

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void a_span_of_an_incoming_trace_is_exported_as_its_child_and_names_itself_as_the_next_parent() {
        TraceParent ingestContext;
        try (Tracing.Span ingest = tracing.start(Step.INGEST, Optional.of(INCOMING))) {
            ingestContext = ingest.context();
            ingest.attribute(Tracing.EVENT_ID, "evt_1");
        }
        try (Tracing.Span attempt = tracing.start(Step.ATTEMPT, Optional.of(ingestContext))) {
            attempt.attribute(Tracing.ATTEMPT_NUMBER, 2)
                    .attribute(Tracing.STATUS_CODE, 503)
                    .failed("HTTP 503");
        }
        assertThat(tracing.flush()).isTrue();

        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).extracting(SpanData::getName).containsExactly("ingest", "attempt");
        SpanData ingest = spans.get(0);
        SpanData attempt = spans.get(1);
        assertThat(ingest.getTraceId()).isEqualTo(INCOMING.traceId());
        assertThat(ingest.getParentSpanId()).isEqualTo(INCOMING.parentId());
        assertThat(ingest.getSpanId()).isEqualTo(ingestContext.parentId());
        assertThat(ingest.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(ingest.getAttributes().get(AttributeKey.stringKey(Tracing.EVENT_ID)))
                .isEqualTo("evt_1");
        assertThat(ingest.getResource().getAttribute(AttributeKey.stringKey("service.name")))
                .isEqualTo("webhooks-test");
        assertThat(attempt.getTraceId()).isEqualTo(INCOMING.traceId());
        assertThat(attempt.getParentSpanId()).isEqualTo(ingest.getSpanId());
        assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(attempt.getAttributes().get(AttributeKey.longKey(Tracing.STATUS_CODE)))
                .isEqualTo(503L);
        assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attempt.getStatus().getDescription()).isEqualTo("HTTP 503");
    }

    @Test
    void without_a_parent_a_span_starts_a_new_sampled_trace() {
        TraceParent context;
        try (Tracing.Span ingest = tracing.start(Step.INGEST, Optional.empty())) {
            context = ingest.context();
        }
        tracing.flush();

        assertThat(context.sampled()).isTrue();
        assertThat(exporter.getFinishedSpanItems()).singleElement().satisfies(span -> {
            assertThat(span.getTraceId()).isEqualTo(context.traceId());
            assertThat(span.getParentSpanContext().isValid()).isFalse();
        });
    }

    @Test
    void an_unsampled_incoming_trace_records_nothing_but_still_names_its_spans() {
        TraceParent unsampled = new TraceParent(INCOMING.traceId(), INCOMING.parentId(), "00");
        TraceParent context;
        try (Tracing.Span ingest = tracing.start(Step.INGEST, Optional.of(unsampled))) {
            context = ingest.context();
        }
        tracing.flush();

        assertThat(exporter.getFinishedSpanItems()).isEmpty();
        assertThat(context.traceId()).isEqualTo(INCOMING.traceId());
        assertThat(context.sampled()).isFalse();
    }

    @Test
    void without_an_endpoint_no_sdk_is_built_and_deliveries_still_carry_the_trace() {
        Tracing none = OpenTelemetryTracing.of(new TracingSettings(true, Optional.empty(), "webhooks"));
        Tracing off = OpenTelemetryTracing.of(new TracingSettings(false, Optional.empty(), "webhooks"));

        assertThat(none).isSameAs(Tracing.none()).isNotInstanceOf(OpenTelemetryTracing.class);
        assertThat(none.propagates()).isTrue();
        assertThat(off).isSameAs(Tracing.off());
        assertThat(off.propagates()).isFalse();
        try (Tracing.Span span = none.start(Step.ATTEMPT, Optional.of(INCOMING))) {
            assertThat(span.context().traceId()).isEqualTo(INCOMING.traceId());
        }
    }

    @Test
    void with_an_endpoint_spans_are_posted_there_as_otlp_over_http() {
        List<String> posts = new CopyOnWriteArrayList<>();
        WebServer collector = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.post("/v1/traces", (req, res) -> {
                    posts.add(req.headers().contentType().map(Object::toString).orElse("") + " "
                            + req.content().as(byte[].class).length);
                    res.send();
                }))
                .build()
                .start();
        try {
            Tracing otlp = OpenTelemetryTracing.of(new TracingSettings(
                    true,
                    Optional.of(URI.create("http://127.0.0.1:" + collector.port() + "/v1/traces")),
                    "webhooks-test"));
            assertThat(otlp).isInstanceOf(OpenTelemetryTracing.class);
            try (Tracing.Span span = otlp.start(Step.INGEST, Optional.of(INCOMING))) {
                span.attribute(Tracing.EVENT_ID, "evt_2");
            }
            ((OpenTelemetryTracing) otlp).close();

            assertThat(posts).singleElement().asString().startsWith("application/x-protobuf");
        } finally {
            collector.stop();
        }
    }
}
