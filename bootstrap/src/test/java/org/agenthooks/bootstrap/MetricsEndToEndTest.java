package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.agenthooks.application.service.SeedDemoWorkspaceService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service in its own process, scraped at {@code /observe/metrics} (no API key) before and after a known set
 * of deliveries: every counter moves by exactly what happened.
 */
class MetricsEndToEndTest {
    private static final String API_KEY = "key_MetricsTst1.metrics-secret-part-0123456789ab";
    private static final String AGENT = SeedDemoWorkspaceService.DOCS_AGENT.value();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path workDir;

    static TestReceiver receiver;
    static ServiceProcess service;
    static ServiceClient api;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        receiver = new TestReceiver();
        service = ServiceProcess.start(
                workDir,
                ServiceProcess.freePort(),
                Map.of(
                        "DB_CONNECTION_URL", "jdbc:h2:file:" + workDir.resolve("webhooks") + ";WRITE_DELAY=0",
                        "DEMO_API_KEY", API_KEY,
                        "DELIVERY_SCHEDULE", "0s, 200ms",
                        "DELIVERY_JITTER", "0",
                        "DELIVERY_POLL_INTERVAL", "50ms",
                        "OBSERVABILITY_BACKLOG_REFRESH", "0s"));
        api = new ServiceClient(service.port, API_KEY);
    }

    @AfterAll
    static void stop() {
        service.close();
        receiver.close();
    }

    private static HttpResponse<String> getWithoutKey(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Scrape scrape() throws Exception {
        HttpResponse<String> response = getWithoutKey("/observe/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return new Scrape(response.body());
    }

    private static void webhook(String path, String eventType) {
        api.json("POST", "/v1/webhooks", """
                {"name":"metrics","url":"%s","agentId":"%s","events":["%s"]}""".formatted(receiver.url(path), AGENT, eventType), 201);
    }

    private static String send(String eventType) {
        return api.json("POST", "/v1/events", """
                        {"type":"%s","agentId":"%s","data":{"n":1}}""".formatted(eventType, AGENT), 202)
                .getString("eventId");
    }

    private static void awaitStatus(String eventId, String status) {
        Eventually.within(PATIENCE, () -> {
            JsonObject event = api.get("/v1/events/" + eventId);
            assertThat(event.getJsonArray("deliveries").getJsonObject(0).getString("status"))
                    .isEqualTo(status);
        });
    }

    @Test
    void the_counters_move_by_exactly_the_deliveries_made() throws Exception {
        webhook("/ok", "conversation_started");
        webhook("/down", "conversation_ended");
        webhook("/gone", "conversation_analysed");
        Scrape before = scrape();

        String succeeds = send("conversation_started");
        String retriedThenFails = send("conversation_ended");
        String gone = send("conversation_analysed");
        awaitStatus(succeeds, "succeeded");
        awaitStatus(retriedThenFails, "failed");
        awaitStatus(gone, "failed");
        Scrape after = scrape();

        assertThat(after.delta(before, "webhooks_events_ingested_total", "type=\"conversation_started\""))
                .isEqualTo(1);
        assertThat(after.delta(before, "webhooks_events_ingested_total", "type=\"conversation_ended\""))
                .isEqualTo(1);
        assertThat(after.delta(before, "webhooks_events_ingested_total", "type=\"conversation_analysed\""))
                .isEqualTo(1);
        assertThat(after.delta(before, "webhooks_delivery_attempts_total", "outcome=\"succeeded\""))
                .isEqualTo(1);
        assertThat(after.delta(before, "webhooks_delivery_attempts_total", "outcome=\"retried\""))
                .isEqualTo(1);
        assertThat(after.delta(before, "webhooks_delivery_attempts_total", "outcome=\"failed\""))
                .isEqualTo(1);
        assertThat(after.delta(before, "webhooks_delivery_attempts_total", "outcome=\"gone\""))
                .isEqualTo(1);
        assertThat(after.delta(before, "webhooks_delivery_attempt_duration_seconds_count"))
                .isEqualTo(4);
        assertThat(after.delta(before, "webhooks_delivery_attempt_duration_seconds_bucket", "le=\"+Inf\""))
                .isEqualTo(4);
        // Posted one after another, each event was a commit of its own.
        assertThat(after.delta(before, "webhooks_outbox_commit_size_count")).isEqualTo(3);
        assertThat(after.delta(before, "webhooks_outbox_commit_size_sum")).isEqualTo(3);
        assertThat(after.delta(before, "webhooks_api_requests_total", "route=\"/v1/events\"", "status=\"202\""))
                .isEqualTo(3);
        assertThat(after.value("webhooks_deliveries_pending")).isZero();
        assertThat(after.value("webhooks_deliveries_oldest_pending_age_seconds"))
                .isZero();
        assertThat(after.value("webhooks_delivery_attempts_in_flight")).isZero();
    }

    @Test
    void an_attempt_under_way_shows_in_flight_and_its_delivery_in_the_backlog_until_it_is_answered() throws Exception {
        String slowAgent = SeedDemoWorkspaceService.SECOND_AGENT.value();
        api.json("POST", "/v1/webhooks", """
                {"name":"slow","url":"%s","agentId":"%s","events":["conversation_ended"]}""".formatted(receiver.url("/slow"), slowAgent), 201);

        String eventId =
                api.json("POST", "/v1/events", """
                        {"type":"conversation_ended","agentId":"%s","data":{"n":2}}""".formatted(slowAgent), 202).getString("eventId");

        Eventually.within(PATIENCE, () -> {
            Scrape during = scrapeUnchecked();
            assertThat(during.value("webhooks_delivery_attempts_in_flight")).isEqualTo(1);
            assertThat(during.value("webhooks_deliveries_pending")).isEqualTo(1);
            assertThat(during.value("webhooks_deliveries_oldest_pending_age_seconds"))
                    .isPositive();
        });
        awaitStatus(eventId, "succeeded");
        Scrape after = scrape();
        assertThat(after.value("webhooks_delivery_attempts_in_flight")).isZero();
        assertThat(after.value("webhooks_deliveries_pending")).isZero();
    }

    private static Scrape scrapeUnchecked() {
        try {
            return scrape();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readiness_and_liveness_answer_without_an_api_key() throws Exception {
        HttpResponse<String> ready = getWithoutKey("/observe/health/ready");
        HttpResponse<String> live = getWithoutKey("/observe/health/live");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"").contains("\"name\":\"database\"");
        assertThat(live.statusCode()).isEqualTo(200);
    }

    /** One scrape's samples; a sample is picked by metric name and every label fragment given. */
    record Scrape(String text) {
        double value(String metric, String... labels) {
            List<Double> values = text.lines()
                    .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                    .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                    .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .toList();
            assertThat(values)
                    .as(
                            "samples of %s %s among %s",
                            metric,
                            List.of(labels),
                            text.lines().filter(line -> line.startsWith(metric)).toList())
                    .hasSize(1);
            return values.getFirst();
        }

        double delta(Scrape before, String metric, String... labels) {
            return value(metric, labels) - before.valueOrZero(metric, labels);
        }

        /** A series appears at its first increment (a new route and status, say): before it, it counted 0. */
        private double valueOrZero(String metric, String... labels) {
            return text.lines()
                    .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                    .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        }
    }
}
