package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's fault battery, the items that take a whole delivery: the real wiring on an H2 file, a schedule
 * compressed to seconds (waits of 1.2 s, 1.2 s and 2 s, no jitter), a 1 s attempt timeout and a 3 s auto-disable
 * window, delivering to receivers on bare sockets.
 */
class DeliveryFaultsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final List<Duration> WAITS =
            List.of(Duration.ofMillis(1_200), Duration.ofMillis(1_200), Duration.ofSeconds(2));
    private static final String OK = SocketReceiver.answer(200, "OK");

    @TempDir
    static Path dataDir;

    static Application application;
    static ServiceClient api;

    @BeforeAll
    static void start() {
        Map<String, String> settings = new HashMap<>(EndToEndTest.testSettings(dataDir));
        settings.put("delivery.schedule", "0s, 1200ms, 1200ms, 2s");
        settings.put("delivery.connect-timeout", "500ms");
        settings.put("delivery.disable-after", "3s");
        application = Application.start(ServiceConfig.load(settings));
        api = new ServiceClient(application.port(), EndToEndTest.API_KEY);
    }

    @AfterAll
    static void stop() {
        application.close();
    }

    /** A fresh agent per test, so that no test's events reach another's webhook. */
    private static String newAgent() {
        return api.json("POST", "/v1/agents", "{\"name\":\"fault battery\"}", 201)
                .getString("agentId");
    }

    private static JsonObject createWebhook(String agentId, String url) {
        return api.json("POST", "/v1/webhooks", """
                {"name":"faults","url":"%s","agentId":"%s","events":["conversation_ended"]}""".formatted(url, agentId), 201);
    }

    private static String sendEvent(String agentId) {
        return api.json("POST", "/v1/events", """
                {"type":"conversation_ended","agentId":"%s","conversationId":"conv-19","data":{"turns":3}}""".formatted(agentId), 202).getString("eventId");
    }

    private static String onlyDeliveryOf(String eventId) {
        return api.get("/v1/events/" + eventId)
                .getJsonArray("deliveries")
                .getJsonObject(0)
                .getString("deliveryId");
    }

    private static JsonObject delivery(String deliveryId) {
        return api.get("/v1/deliveries/" + deliveryId);
    }

    private static List<JsonObject> attempts(String deliveryId) {
        return delivery(deliveryId).getJsonArray("attemptLog").getValuesAs(JsonObject.class);
    }

    private static Duration between(JsonObject earlier, JsonObject later) {
        return Duration.between(
                Instant.parse(earlier.getString("startedAt")), Instant.parse(later.getString("startedAt")));
    }

    private static void throughout(Duration period, Runnable assertion) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            assertion.run();
            sleep(Duration.ofMillis(100));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Item 4. */
    @Test
    void a_receiver_down_then_up_gets_connection_errors_on_schedule_then_one_success_each_attempt_freshly_signed()
            throws Exception {
        int port = freePort();
        String agent = newAgent();
        JsonObject webhook = createWebhook(agent, "http://127.0.0.1:" + port + "/hook");
        String eventId = sendEvent(agent);
        String deliveryId = onlyDeliveryOf(eventId);
        // Nothing listens for the first attempt; then a receiver that hangs up mid-request, once; then it answers.
        Eventually.within(PATIENCE, () -> assertThat(attempts(deliveryId)).hasSize(1));
        try (SocketReceiver receiver = new SocketReceiver(port, request -> request == 1 ? null : OK)) {
            Eventually.within(
                    PATIENCE,
                    () -> assertThat(delivery(deliveryId).getString("status")).isEqualTo("succeeded"));
            throughout(
                    Duration.ofSeconds(3), () -> assertThat(receiver.received()).hasSize(2));

            // On a slow machine the listener may come up after the second attempt: then two were refused.
            List<JsonObject> log = attempts(deliveryId);
            int refused = log.size() - 2;
            assertThat(refused).isBetween(1, 2);
            assertThat(log.subList(0, refused))
                    .allSatisfy(
                            attempt -> assertThat(attempt.getString("error")).isEqualTo("connection refused"));
            assertThat(log.get(refused).isNull("statusCode")).isTrue();
            assertThat(log.get(refused).getString("error")).isNotBlank();
            assertThat(log.getLast().getInt("statusCode")).isEqualTo(200);
            for (int i = 1; i < log.size(); i++) {
                assertThat(between(log.get(i - 1), log.get(i))).isGreaterThanOrEqualTo(WAITS.get(i - 1));
            }
            List<TestReceiver.Received> requests = receiver.received();
            assertThat(requests).allSatisfy(request -> {
                assertThat(request.headers().get("webhook-id")).isEqualTo(eventId);
                assertThat(StandardWebhooksVerifier.verifies(
                                webhook.getString("secret"), request.headers(), request.body()))
                        .isTrue();
            });
            assertThat(requests.get(1).headers().get("webhook-timestamp"))
                    .isNotEqualTo(requests.get(0).headers().get("webhook-timestamp"));
            assertThat(requests.get(1).headers().get("webhook-signature"))
                    .isNotEqualTo(requests.get(0).headers().get("webhook-signature"));
        }
    }

    /** Item 5. */
    @Test
    void a_503_asking_to_retry_after_3_seconds_is_not_retried_sooner() throws Exception {
        try (SocketReceiver receiver = new SocketReceiver(request -> switch (request) {
            case 1 -> SocketReceiver.answer(500, "Internal Server Error");
            case 2 -> SocketReceiver.answer(502, "Bad Gateway");
            case 3 -> SocketReceiver.answer(503, "Service Unavailable", "Retry-After: 3\r\n");
            default -> OK;
        })) {
            String agent = newAgent();
            createWebhook(agent, receiver.url());
            String deliveryId = onlyDeliveryOf(sendEvent(agent));

            Eventually.within(
                    PATIENCE,
                    () -> assertThat(delivery(deliveryId).getString("status")).isEqualTo("succeeded"));

            List<JsonObject> log = attempts(deliveryId);
            assertThat(log).extracting(attempt -> attempt.getInt("statusCode")).containsExactly(500, 502, 503, 200);
            assertThat(between(log.get(2), log.get(3))).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        }
    }

    /** Item 8. */
    @Test
    void a_receiver_answering_4xx_every_time_spends_the_schedule_then_hears_nothing_more() throws Exception {
        try (SocketReceiver receiver = new SocketReceiver(request -> SocketReceiver.answer(400, "Bad Request"))) {
            String agent = newAgent();
            createWebhook(agent, receiver.url());
            String deliveryId = onlyDeliveryOf(sendEvent(agent));

            Eventually.within(
                    PATIENCE,
                    () -> assertThat(delivery(deliveryId).getString("status")).isEqualTo("failed"));

            assertThat(attempts(deliveryId))
                    .hasSize(4)
                    .allSatisfy(
                            attempt -> assertThat(attempt.getInt("statusCode")).isEqualTo(400));
            assertThat(delivery(deliveryId).isNull("nextAttemptAt")).isTrue();
            throughout(
                    Duration.ofSeconds(3), () -> assertThat(receiver.received()).hasSize(4));
        }
    }

    /** Auto-disable, with the window shrunk from 5 days to 3 s. */
    @Test
    void sustained_failure_disables_the_webhook_its_pending_delivery_waits_and_resuming_sends_it() throws Exception {
        AtomicBoolean up = new AtomicBoolean();
        try (SocketReceiver receiver =
                new SocketReceiver(request -> up.get() ? OK : SocketReceiver.answer(500, "Internal Server Error"))) {
            double disabledBefore = autoDisabledCount();
            String agent = newAgent();
            String path = "/v1/webhooks/" + createWebhook(agent, receiver.url()).getString("webhookId");
            sendEvent(agent);
            sleep(Duration.ofMillis(1_800));
            String waiting = onlyDeliveryOf(sendEvent(agent));

            Eventually.within(
                    PATIENCE,
                    () -> assertThat(api.get(path).getBoolean("active")).isFalse());
            JsonObject disabled = api.get(path);
            assertThat(disabled.getString("disabledReason")).startsWith("all deliveries failed since ");
            assertThat(Instant.parse(disabled.getString("disabledAt")))
                    .isEqualTo(Instant.parse(disabled.getString("updatedAt")));
            assertThat(autoDisabledCount() - disabledBefore).isEqualTo(1.0);
            int heard = receiver.received().size();
            throughout(
                    Duration.ofSeconds(3), () -> assertThat(receiver.received()).hasSize(heard));
            assertThat(delivery(waiting).getString("status")).isEqualTo("pending");

            up.set(true);
            JsonObject resumed = api.json("PATCH", path, "{\"active\":true}", 200);

            assertThat(resumed.isNull("disabledReason")).isTrue();
            assertThat(resumed.isNull("disabledAt")).isTrue();
            Eventually.within(
                    PATIENCE,
                    () -> assertThat(delivery(waiting).getString("status")).isEqualTo("succeeded"));
            assertThat(api.get(path).getBoolean("active")).isTrue();
        }
    }

    /** The Prometheus counter of webhooks the service turned off by itself, as /observe/metrics shows it now. */
    private static double autoDisabledCount() throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + application.port() + "/observe/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return metrics.body()
                .lines()
                .filter(line -> line.startsWith("webhooks_auto_disabled_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
