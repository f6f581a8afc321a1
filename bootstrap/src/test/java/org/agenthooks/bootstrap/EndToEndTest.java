package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agenthooks.application.service.SeedDemoWorkspaceService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real wiring on a free port and an H2 file, driven over HTTP, delivering to a real local receiver. */
class EndToEndTest {
    static final String API_KEY = "key_E2eTestKey1.e2e-secret-part-0123456789abcdefghij";
    static final String DOCS_AGENT = SeedDemoWorkspaceService.DOCS_AGENT.value();
    static final String SECOND_AGENT = SeedDemoWorkspaceService.SECOND_AGENT.value();
    static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    static Path dataDir;

    static Application application;
    static ServiceClient api;
    static TestReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = new TestReceiver();
        application = Application.start(ServiceConfig.load(testSettings(dataDir)));
        api = new ServiceClient(application.port(), API_KEY);
    }

    static Map<String, String> testSettings(Path dataDir) {
        return Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("db.connection.url", "jdbc:h2:file:" + dataDir.resolve("webhooks") + ";WRITE_DELAY=0"),
                Map.entry("demo.enabled", "true"),
                Map.entry("demo.api-key", API_KEY),
                Map.entry("delivery.schedule", "0s, 200ms, 200ms"),
                Map.entry("delivery.jitter", "0"),
                Map.entry("delivery.poll-interval", "50ms"),
                Map.entry("delivery.attempt-timeout", "1s"),
                Map.entry(
                        "secrets.master-key-file", dataDir.resolve("master.key").toString()));
    }

    @AfterAll
    static void stop() {
        application.close();
        receiver.close();
    }

    private static String createWebhook(String agentId, String url, String events) {
        return api.json("POST", "/v1/webhooks", """
                {"name":"e2e","url":"%s","agentId":"%s","events":%s}""".formatted(url, agentId, events), 201)
                .getString("webhookId");
    }

    private static JsonObject createWebhookWithSecret(String agentId, String url) {
        return api.json("POST", "/v1/webhooks", """
                {"name":"e2e","url":"%s","agentId":"%s","events":["conversation_started","conversation_ended"]}""".formatted(url, agentId), 201);
    }

    private static String sendEvent(String agentId, String type) {
        return api.json("POST", "/v1/events", """
                {"type":"%s","agentId":"%s","conversationId":"conv-42","data":{"caller":"+15550100","turns":3}}""".formatted(type, agentId), 202).getString("eventId");
    }

    @Test
    void the_docs_create_request_then_get_list_patch_and_delete() {
        String docsBody = """
                {
                    "name": "Test Webhook 1",
                    "url": "https://your-server.com/webhooks/ai-agent",
                    "agentId": "D5D0p7TUs66TTAEAx",
                    "secret": "your-signing-secret",
                    "events": [
                        "conversation_started",
                        "conversation_ended"
                    ]
                }""";
        JsonObject created = api.json("POST", "/v1/webhooks", docsBody, 201);
        String path = "/v1/webhooks/" + created.getString("webhookId");
        assertThat(created.getString("workspaceId")).isEqualTo(SeedDemoWorkspaceService.DEMO_WORKSPACE.value());
        assertThat(created.getString("secret")).isEqualTo("your-signing-secret");

        JsonObject read = api.get(path);
        assertThat(read.getString("name")).isEqualTo("Test Webhook 1");
        assertThat(read.getString("secret")).doesNotContain("your-signing-secret");

        assertThat(api.get("/v1/webhooks?agentId=" + DOCS_AGENT).getJsonArray("data").stream()
                        .map(item -> item.asJsonObject().getString("webhookId")))
                .contains(created.getString("webhookId"));

        JsonObject paused = api.json("PATCH", path, "{\"active\":false}", 200);
        assertThat(paused.getBoolean("active")).isFalse();
        assertThat(api.get(path).getBoolean("active")).isFalse();

        assertThat(api.send("DELETE", path, null).statusCode()).isEqualTo(204);
        assertThat(api.send("GET", path, null).statusCode()).isEqualTo(404);
    }

    @Test
    void a_batch_of_events_reaches_the_receiver_each_exactly_once_and_its_invalid_item_does_not()
            throws InterruptedException {
        createWebhook(SECOND_AGENT, receiver.url("/batch"), "[\"conversation_ended\"]");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add("""
                    {"type":"conversation_ended","agentId":"%s","conversationId":"batch-%d","data":{"n":%d}}""".formatted(SECOND_AGENT, i, i));
        }
        items.add("{\"type\":\"conversation_ended\",\"agentId\":\"%s\"}".formatted(SECOND_AGENT));

        JsonArray results = api.json("POST", "/v1/events/batch", "{\"events\":[" + String.join(",", items) + "]}", 200)
                .getJsonArray("results");

        assertThat(results).hasSize(21);
        assertThat(results.getJsonObject(20).getInt("status")).isEqualTo(400);
        List<String> eventIds = results.subList(0, 20).stream()
                .map(result -> result.asJsonObject().getString("eventId"))
                .toList();
        Eventually.within(
                PATIENCE,
                () -> assertThat(receiver.received("/batch"))
                        .extracting(request -> request.headers().get("webhook-id"))
                        .containsExactlyInAnyOrderElementsOf(eventIds));
        // A second attempt of any of them would come within the retry schedule's 200 ms.
        Thread.sleep(500);
        assertThat(receiver.received("/batch")).hasSize(20);
    }

    @Test
    void an_event_reaches_the_receiver_signed_and_verifiable() {
        JsonObject webhook = createWebhookWithSecret(SECOND_AGENT, receiver.url("/signed"));
        String eventId = sendEvent(SECOND_AGENT, "conversation_started");

        Eventually.within(
                PATIENCE,
                () -> assertThat(receiver.received("/signed"))
                        .anySatisfy(request ->
                                assertThat(request.headers().get("webhook-id")).isEqualTo(eventId)));
        TestReceiver.Received request = receiver.received("/signed").stream()
                .filter(r -> r.headers().get("webhook-id").equals(eventId))
                .findFirst()
                .orElseThrow();
        assertThat(StandardWebhooksVerifier.verifies(webhook.getString("secret"), request.headers(), request.body()))
                .isTrue();
        assertThat(request.headers().get("content-type")).startsWith("application/json");
        assertThat(Long.parseLong(request.headers().get("webhook-timestamp")))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(30L));
        JsonObject payload = ServiceClient.parse(new String(request.body(), StandardCharsets.UTF_8));
        assertThat(payload.getString("id")).isEqualTo(eventId);
        assertThat(payload.getString("type")).isEqualTo("conversation_started");
        assertThat(payload.getString("agentId")).isEqualTo(SECOND_AGENT);
        assertThat(payload.getString("workspaceId")).isEqualTo(SeedDemoWorkspaceService.DEMO_WORKSPACE.value());
        assertThat(payload.getString("conversationId")).isEqualTo("conv-42");
        // Numbered within conv-42, which other tests of this class send events of too.
        assertThat(payload.getJsonNumber("sequence").longValueExact()).isPositive();
        assertThat(payload.getJsonObject("data").getInt("turns")).isEqualTo(3);
        assertThat(payload.getString("timestamp")).endsWith("Z");

        String webhookId = webhook.getString("webhookId");
        Eventually.within(
                PATIENCE,
                () -> assertThat(deliveryOf(eventId, webhookId).getString("status"))
                        .isEqualTo("succeeded"));
        JsonObject listed = api.get("/v1/webhooks/" + webhookId + "/deliveries?status=succeeded");
        String deliveryId = listed.getJsonArray("data").getJsonObject(0).getString("deliveryId");
        JsonObject delivery = api.get("/v1/deliveries/" + deliveryId);
        assertThat(delivery.getInt("attempts")).isEqualTo(1);
        assertThat(delivery.getJsonArray("attemptLog").getJsonObject(0).getInt("statusCode"))
                .isEqualTo(200);
        assertThat(delivery.getJsonArray("attemptLog").getJsonObject(0).getString("responseBody"))
                .isEqualTo("thanks");
    }

    @Test
    void a_500_then_200_is_retried_with_the_same_webhook_id_and_succeeds() {
        String webhookId = createWebhook(SECOND_AGENT, receiver.url("/flaky"), "[\"conversation_ended\"]");
        String eventId = sendEvent(SECOND_AGENT, "conversation_ended");

        Eventually.within(
                PATIENCE,
                () -> assertThat(deliveryOf(eventId, webhookId).getString("status"))
                        .isEqualTo("succeeded"));
        assertThat(receiver.received("/flaky"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.headers().get("webhook-id")).isEqualTo(eventId));
        assertThat(deliveryOf(eventId, webhookId).getInt("attempts")).isEqualTo(2);
    }

    @Test
    void an_endpoint_that_always_fails_follows_the_schedule_then_is_failed() {
        String webhookId = createWebhook(SECOND_AGENT, receiver.url("/down"), "[\"conversation_analysed\"]");
        String eventId = sendEvent(SECOND_AGENT, "conversation_analysed");

        Eventually.within(
                PATIENCE,
                () -> assertThat(deliveryOf(eventId, webhookId).getString("status"))
                        .isEqualTo("failed"));
        JsonObject delivery = deliveryOf(eventId, webhookId);
        assertThat(delivery.getInt("attempts")).isEqualTo(3);
        assertThat(delivery.getInt("lastStatusCode")).isEqualTo(500);
        assertThat(delivery.isNull("nextAttemptAt")).isTrue();
        assertThat(receiver.received("/down").stream()
                        .filter(r -> r.headers().get("webhook-id").equals(eventId)))
                .hasSize(3);
    }

    @Test
    void a_410_deactivates_the_webhook() {
        String webhookId = createWebhook(DOCS_AGENT, receiver.url("/gone"), "[\"conversation_analysed\"]");
        String eventId = sendEvent(DOCS_AGENT, "conversation_analysed");

        Eventually.within(
                PATIENCE,
                () -> assertThat(api.get("/v1/webhooks/" + webhookId).getBoolean("active"))
                        .isFalse());
        assertThat(deliveryOf(eventId, webhookId).getString("status")).isEqualTo("failed");
        assertThat(deliveryOf(eventId, webhookId).getInt("attempts")).isEqualTo(1);
    }

    @Test
    void a_redirect_is_not_followed_and_counts_as_a_failure() {
        String webhookId = createWebhook(SECOND_AGENT, receiver.url("/redirect"), "[\"conversation_started\"]");
        String eventId = sendEvent(SECOND_AGENT, "conversation_started");

        Eventually.within(
                PATIENCE,
                () -> assertThat(deliveryOf(eventId, webhookId).getString("status"))
                        .isEqualTo("failed"));
        assertThat(deliveryOf(eventId, webhookId).getInt("lastStatusCode")).isEqualTo(302);
        assertThat(receiver.received("/elsewhere")).isEmpty();
    }

    private static JsonObject deliveryOf(String eventId, String webhookId) {
        return api.get("/v1/events/" + eventId).getJsonArray("deliveries").stream()
                .map(d -> d.asJsonObject())
                .filter(d -> d.getString("webhookId").equals(webhookId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no delivery to " + webhookId));
    }

    @Test
    void inactive_webhooks_other_agents_and_unsubscribed_types_receive_nothing() throws Exception {
        String paused = createWebhook(DOCS_AGENT, receiver.url("/paused"), "[\"conversation_started\"]");
        api.json("PATCH", "/v1/webhooks/" + paused, "{\"active\":false}", 200);
        createWebhook(SECOND_AGENT, receiver.url("/other-agent"), "[\"conversation_started\"]");
        createWebhook(DOCS_AGENT, receiver.url("/unsubscribed"), "[\"conversation_ended\"]");
        String control = createWebhook(DOCS_AGENT, receiver.url("/control"), "[\"conversation_started\"]");

        String eventId = sendEvent(DOCS_AGENT, "conversation_started");

        Eventually.within(
                PATIENCE,
                () -> assertThat(deliveryOf(eventId, control).getString("status"))
                        .isEqualTo("succeeded"));
        assertThat(receiver.received("/paused")).isEmpty();
        assertThat(receiver.received("/other-agent")).isEmpty();
        assertThat(receiver.received("/unsubscribed")).isEmpty();
    }

    @Test
    void a_test_event_goes_to_one_webhook_and_a_failed_delivery_can_be_redelivered() {
        String webhookId = createWebhook(SECOND_AGENT, receiver.url("/test-target"), "[\"conversation_analysed\"]");

        JsonObject test = api.json("POST", "/v1/webhooks/" + webhookId + "/test", null, 202);

        assertThat(test.getString("eventType")).isEqualTo("webhook.test");
        Eventually.within(
                PATIENCE, () -> assertThat(receiver.received("/test-target")).hasSize(1));
        String deliveryId = test.getString("deliveryId");
        Eventually.within(
                PATIENCE,
                () -> assertThat(api.get("/v1/deliveries/" + deliveryId).getString("status"))
                        .isEqualTo("succeeded"));

        JsonObject again = api.json("POST", "/v1/deliveries/" + deliveryId + "/redeliver", null, 202);
        assertThat(again.getString("status")).isEqualTo("pending");
        Eventually.within(
                PATIENCE, () -> assertThat(receiver.received("/test-target")).hasSize(2));
        Eventually.within(
                PATIENCE,
                () -> assertThat(api.get("/v1/deliveries/" + deliveryId).getInt("attempts"))
                        .isEqualTo(2));
    }

    @Test
    void an_idempotent_repeat_returns_the_first_answer_and_delivers_once() {
        createWebhook(SECOND_AGENT, receiver.url("/idempotent"), "[\"conversation_ended\"]");
        String body = """
                {"id":"client-evt-1","type":"conversation_ended","agentId":"%s","data":{}}""".formatted(SECOND_AGENT);

        JsonObject first = api.json("POST", "/v1/events", body, 202);
        JsonObject second = api.json("POST", "/v1/events", body, 202);

        assertThat(second).isEqualTo(first);
        Eventually.within(
                PATIENCE, () -> assertThat(receiver.received("/idempotent")).hasSize(1));
    }

    @Test
    void the_event_type_catalog_and_the_openapi_document_are_served() {
        assertThat(api.get("/v1/event-types").getJsonArray("data")).hasSizeGreaterThanOrEqualTo(3);
        HttpResponse<String> openapi = api.send("GET", "/openapi", null);
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(ServiceClient.parse(openapi.body()).getString("openapi")).startsWith("3.1");
    }

    @Test
    void data_survives_a_restart_on_the_same_file() throws Exception {
        String webhookId = createWebhook(SECOND_AGENT, receiver.url("/kept"), "[\"conversation_started\"]");
        Path second = Files.createTempDirectory("restart");
        Application first = Application.start(ServiceConfig.load(testSettings(second)));
        String otherId = new ServiceClient(first.port(), API_KEY)
                .json("POST", "/v1/webhooks", """
                {"name":"r","url":"https://example.com/x","agentId":"%s","events":["conversation_started"]}""".formatted(SECOND_AGENT), 201)
                .getString("webhookId");
        first.close();
        try (Application again = Application.start(ServiceConfig.load(testSettings(second)))) {
            assertThat(new ServiceClient(again.port(), API_KEY)
                            .get("/v1/webhooks/" + otherId)
                            .getString("webhookId"))
                    .isEqualTo(otherId);
        }
        assertThat(api.get("/v1/webhooks/" + webhookId).getJsonArray("events").getValuesAs(JsonString::getString))
                .containsExactly("conversation_started");
    }
}
