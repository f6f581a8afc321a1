package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agenthooks.adapters.observability.OpenTelemetryTracing;
import org.agenthooks.adapters.observability.TracingSettings;
import org.agenthooks.application.port.out.Tracing;
import org.agenthooks.domain.event.TraceParent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real wiring with spans exported to memory: an event sent in with a {@code traceparent} is traced as ingest,
 * outbox commit and attempt in that trace, and the real receiver sees that trace in its own {@code traceparent}.
 */
class TracingEndToEndTest {
    private static final TraceParent INCOMING = TraceParent.parse(
                    "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
            .orElseThrow();
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;

    private final TestReceiver receiver = new TestReceiver();
    private final HttpClient client = HttpClient.newHttpClient();
    private Application application;

    @AfterEach
    void stop() {
        if (application != null) {
            application.close();
        }
        receiver.close();
    }

    @Test
    void one_event_is_traced_as_ingest_commit_and_attempt_in_its_trace_which_the_receiver_joins() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetryTracing tracing = OpenTelemetryTracing.exportingTo(
                exporter, new TracingSettings(true, Optional.empty(), "agent-webhooks-e2e"))) {
            application = Application.start(ServiceConfig.load(EndToEndTest.testSettings(dataDir)), tracing);
            String webhookId = createWebhook("/traced");

            String eventId = sendEvent(Optional.of(INCOMING.toString()));

            TestReceiver.Received received = awaitDelivery("/traced");
            TraceParent seen =
                    TraceParent.parse(received.headers().get("traceparent")).orElseThrow();
            assertThat(seen.traceId()).isEqualTo(INCOMING.traceId());
            Eventually.within(PATIENCE, () -> {
                assertThat(tracing.flush()).isTrue();
                assertThat(exporter.getFinishedSpanItems())
                        .extracting(SpanData::getName)
                        .contains("ingest", "outbox commit", "attempt");
            });
            List<SpanData> spans = exporter.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(INCOMING.traceId()))
                    .toList();
            SpanData ingest = only(spans, "ingest");
            SpanData commit = only(spans, "outbox commit");
            SpanData attempt = only(spans, "attempt");
            assertThat(ingest.getParentSpanId()).isEqualTo(INCOMING.parentId());
            assertThat(ingest.getAttributes().get(AttributeKey.stringKey(Tracing.EVENT_ID)))
                    .isEqualTo(eventId);
            assertThat(commit.getParentSpanId()).isEqualTo(ingest.getSpanId());
            assertThat(attempt.getParentSpanId()).isEqualTo(ingest.getSpanId());
            assertThat(attempt.getAttributes().get(AttributeKey.stringKey(Tracing.WEBHOOK_ID)))
                    .isEqualTo(webhookId);
            assertThat(attempt.getAttributes().get(AttributeKey.stringKey(Tracing.DELIVERY_ID)))
                    .startsWith("dlv_");
            assertThat(attempt.getAttributes().get(AttributeKey.longKey(Tracing.ATTEMPT_NUMBER)))
                    .isEqualTo(1L);
            assertThat(attempt.getAttributes().get(AttributeKey.longKey(Tracing.STATUS_CODE)))
                    .isEqualTo(200L);
            assertThat(attempt.getResource().getAttribute(AttributeKey.stringKey("service.name")))
                    .isEqualTo("agent-webhooks-e2e");
            // The receiver's parent is the attempt span itself, whose parent chain reaches the caller's span.
            assertThat(seen.parentId()).isEqualTo(attempt.getSpanId());
        }
    }

    @Test
    void with_export_off_by_default_the_receiver_still_gets_the_events_trace() throws Exception {
        ServiceConfig config = ServiceConfig.load(EndToEndTest.testSettings(dataDir));
        assertThat(config.tracing().otlpEndpoint()).isEmpty();
        assertThat(config.tracing().propagate()).isTrue();
        assertThat(OpenTelemetryTracing.of(config.tracing())).isSameAs(Tracing.none());
        application = Application.start(config);
        createWebhook("/untraced");

        sendEvent(Optional.of(INCOMING.toString()));
        sendEvent(Optional.of("not-a-trace-parent"));

        Eventually.within(
                PATIENCE, () -> assertThat(receiver.received("/untraced")).hasSize(2));
        List<TraceParent> seen = receiver.received("/untraced").stream()
                .map(request ->
                        TraceParent.parse(request.headers().get("traceparent")).orElseThrow())
                .toList();
        assertThat(seen).extracting(TraceParent::traceId).contains(INCOMING.traceId());
        assertThat(seen).extracting(TraceParent::parentId).doesNotContain(INCOMING.parentId());
        assertThat(seen.stream().map(TraceParent::traceId).distinct()).hasSize(2);
    }

    @Test
    void with_propagation_off_the_receiver_gets_no_traceparent() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(EndToEndTest.testSettings(dataDir));
        settings.put("tracing.propagate", "false");
        application = Application.start(ServiceConfig.load(settings));
        createWebhook("/quiet");

        sendEvent(Optional.of(INCOMING.toString()));

        TestReceiver.Received received = awaitDelivery("/quiet");
        assertThat(received.headers()).doesNotContainKey("traceparent");
    }

    private static SpanData only(List<SpanData> spans, String name) {
        List<SpanData> named =
                spans.stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.getFirst();
    }

    private String createWebhook(String path) throws Exception {
        HttpResponse<String> created =
                post("/v1/webhooks", """
                {"name":"traced","url":"%s","agentId":"%s","events":["conversation_ended"]}""".formatted(receiver.url(path), EndToEndTest.DOCS_AGENT), Optional.empty());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.body().replaceAll(".*\"webhookId\":\"([^\"]+)\".*", "$1");
    }

    private String sendEvent(Optional<String> traceParent) throws Exception {
        HttpResponse<String> sent = post("/v1/events", """
                {"type":"conversation_ended","agentId":"%s","data":{"turns":3}}""".formatted(EndToEndTest.DOCS_AGENT), traceParent);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return sent.body().replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> post(String path, String body, Optional<String> traceParent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + application.port() + path))
                .header("X-API-Key", EndToEndTest.API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        traceParent.ifPresent(value -> request.header("traceparent", value));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private TestReceiver.Received awaitDelivery(String path) {
        Eventually.within(PATIENCE, () -> assertThat(receiver.received(path)).isNotEmpty());
        return receiver.received(path).getFirst();
    }
}
