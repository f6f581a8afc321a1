package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.webhook.WebhookId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Replay, the pull API and the signature doctor over HTTP, against the real services on in-memory fakes. */
class RecoveryApiTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final ApiTestServer server = new ApiTestServer();

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_replay_sends_the_window_again_with_the_same_webhook_id_and_a_repeated_key_sends_nothing_twice()
            throws Exception {
        String webhook = webhook("Replay");
        Instant since = Instant.now().minusSeconds(1);
        String eventId = sendEvent();
        OutboundRequest original = awaitRequests(eventId, 1).getFirst();
        String window = """
                {"since":"%s","until":"%s"}""".formatted(since, Instant.now().plusSeconds(1));

        HttpResponse<String> first = replay(webhook, window, "after-the-outage");
        HttpResponse<String> repeat = replay(webhook, window, "after-the-outage");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(Json.parse(first.body()).getInt("replayed")).isEqualTo(1);
        assertThat(Json.parse(first.body()).isNull("nextCursor")).isTrue();
        assertThat(repeat.statusCode()).isEqualTo(202);
        assertThat(repeat.body()).isEqualTo(first.body());
        List<OutboundRequest> sent = awaitRequests(eventId, 2);
        assertThat(sent.get(1).headers()).containsEntry("webhook-id", eventId);
        assertThat(sent.get(1).body()).isEqualTo(original.body());
        Thread.sleep(300);
        assertThat(requestsFor(eventId)).hasSize(2);
    }

    @Test
    void a_replay_with_status_failed_sends_nothing_when_everything_succeeded() throws Exception {
        String webhook = webhook("Nothing failed");
        Instant since = Instant.now().minusSeconds(1);
        awaitRequests(sendEvent(), 1);

        HttpResponse<String> response =
                replay(webhook, """
                {"since":"%s","until":"%s","status":"failed"}""".formatted(since, Instant.now().plusSeconds(1)), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(Json.parse(response.body()).getInt("replayed")).isZero();
    }

    @Test
    void bad_replays_are_problems_naming_the_field() {
        String webhook = webhook("Bad replay");

        assertProblem(
                replay(webhook, "{\"since\":\"2026-01-02T00:00:00Z\",\"until\":\"2026-01-01T00:00:00Z\"}", null),
                400,
                "until");
        assertProblem(replay(webhook, "{\"until\":\"2026-01-01T00:00:00Z\"}", null), 400, "since");
        assertProblem(
                replay(webhook, "{\"since\":\"yesterday\",\"until\":\"2026-01-01T00:00:00Z\"}", null), 400, "since");
        assertProblem(
                replay(
                        webhook,
                        "{\"since\":\"2026-01-01T00:00:00Z\",\"until\":\"2026-01-02T00:00:00Z\","
                                + "\"status\":\"lost\"}",
                        null),
                400,
                "status");
        assertProblem(
                replay(
                        webhook,
                        "{\"since\":\"2026-01-01T00:00:00Z\",\"until\":\"2026-01-02T00:00:00Z\","
                                + "\"cursor\":\"made-up\"}",
                        null),
                400,
                "cursor");
        assertProblem(
                replay(
                        webhook,
                        "{\"since\":\"2026-01-01T00:00:00Z\",\"until\":\"2026-01-02T00:00:00Z\"}",
                        "has a space"),
                400,
                "Idempotency-Key");
        assertProblem(
                replay(
                        WebhookId.random().value(),
                        "{\"since\":\"2026-01-01T00:00:00Z\",\"until\":\"2026-01-02T00:00:00Z\"}",
                        null),
                404,
                null);
    }

    @Test
    void a_receiver_pulls_its_events_oldest_first_with_payloads_byte_identical_to_what_it_was_sent() throws Exception {
        String webhook = webhook("Pull");
        String firstId = sendEvent();
        String secondId = sendEvent();
        byte[] firstSent = awaitRequests(firstId, 1).getFirst().body();
        byte[] secondSent = awaitRequests(secondId, 1).getFirst().body();
        // Sent is not yet recorded: the outcome is stored after the sender answers.
        awaitSucceeded(firstId);

        HttpResponse<String> page = server.get("/v1/webhooks/" + webhook + "/events?limit=1");
        JsonObject json = Json.parse(page.body());
        HttpResponse<String> rest =
                server.get("/v1/webhooks/" + webhook + "/events?limit=1&after=" + json.getString("nextCursor"));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonObject item = json.getJsonArray("data").getJsonObject(0);
        assertThat(item.getString("eventId")).isEqualTo(firstId);
        assertThat(item.getString("type")).isEqualTo("conversation_ended");
        assertThat(item.getString("deliveryStatus")).isEqualTo("succeeded");
        assertThat(page.body()).contains("\"payload\":" + new String(firstSent, StandardCharsets.UTF_8) + "}");
        assertThat(rest.body()).contains("\"payload\":" + new String(secondSent, StandardCharsets.UTF_8) + "}");
        assertThat(Json.parse(rest.body()).isNull("nextCursor")).isTrue();
        assertProblem(server.get("/v1/webhooks/" + webhook + "/events?after=made-up"), 400, "after");
        assertProblem(server.get("/v1/webhooks/" + WebhookId.random().value() + "/events"), 404, null);
    }

    @Test
    void the_doctor_finds_each_mistake_of_a_receiver_written_here_from_the_specification() throws Exception {
        String webhook = webhook("Doctor");
        String eventId = sendEvent();
        OutboundRequest received = awaitRequests(eventId, 1).getFirst();
        String id = received.headers().get("webhook-id");
        String timestamp = received.headers().get("webhook-timestamp");
        String body = new String(received.body(), StandardCharsets.UTF_8);
        byte[] rightKey = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));

        assertThat(check(webhook, received, id, body, hmac(rightKey, id, timestamp, body), null))
                .isEqualTo("valid");
        assertThat(check(
                        webhook,
                        received,
                        id,
                        body,
                        hmac(SECRET.getBytes(StandardCharsets.UTF_8), id, timestamp, body),
                        null))
                .isEqualTo("secret_encoding");
        String pretty = body.replace(",", ", ");
        assertThat(check(webhook, received, id, pretty, hmac(rightKey, id, timestamp, pretty), null))
                .isEqualTo("body_modified");
        assertThat(check(
                        webhook,
                        received,
                        id,
                        body,
                        hmac(rightKey, id, timestamp, body),
                        Instant.ofEpochSecond(Long.parseLong(timestamp))
                                .plusSeconds(600)
                                .toString()))
                .isEqualTo("timestamp_skew");
        assertThat(check(webhook, received, EventId.random().value(), body, null, null))
                .isEqualTo("unknown_delivery");
        assertThat(check(
                        webhook,
                        received,
                        id,
                        body,
                        hmac("not-the-secret".getBytes(StandardCharsets.UTF_8), id, timestamp, body),
                        null))
                .isEqualTo("wrong_secret");
    }

    @Test
    void the_doctor_says_what_is_wrong_in_words_and_never_shows_the_secret() throws Exception {
        String webhook = webhook("Doctor words");
        String eventId = sendEvent();
        OutboundRequest received = awaitRequests(eventId, 1).getFirst();

        HttpResponse<String> response = post(
                "/v1/webhooks/" + webhook + "/signature-check",
                checkBody(received, received.headers().get("webhook-id"), "{}", "v1,AAAA", null));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject answer = Json.parse(response.body());
        assertThat(answer.getBoolean("valid")).isFalse();
        assertThat(answer.getString("diagnosis")).isEqualTo("body_modified");
        assertThat(answer.getString("message")).contains("raw request body");
        assertThat(response.body()).doesNotContain(SECRET.substring(10));
    }

    @Test
    void malformed_doctor_requests_are_problems_and_a_foreign_webhook_is_404() {
        String webhook = webhook("Doctor bad");
        String path = "/v1/webhooks/" + webhook + "/signature-check";

        assertProblem(post(path, "{\"body\":\"{}\"}"), 400, "headers");
        assertProblem(
                post(
                        path,
                        "{\"headers\":{\"webhook-id\":\"evt_x\",\"webhook-timestamp\":\"soon\","
                                + "\"webhook-signature\":\"v1,x\"},\"body\":\"{}\"}"),
                400,
                "headers.webhook-timestamp");
        assertProblem(
                post(path, "{\"headers\":{\"webhook-id\":\"evt_x\",\"webhook-timestamp\":\"1\"}," + "\"body\":\"{}\"}"),
                400,
                "headers.webhook-signature");
        assertProblem(
                post(
                        path,
                        "{\"headers\":{\"webhook-id\":\"evt_x\",\"webhook-timestamp\":\"1\","
                                + "\"webhook-signature\":\"v1,x\"},\"body\":\"{}\",\"receiverTime\":\"noon\"}"),
                400,
                "receiverTime");
        assertProblem(
                post(
                        "/v1/webhooks/" + WebhookId.random().value() + "/signature-check",
                        "{\"headers\":{\"webhook-id\":\"evt_x\",\"webhook-timestamp\":\"1\",\"webhook-signature\":\"v1,x\"},"
                                + "\"body\":\"{}\"}"),
                404,
                null);
    }

    @Test
    void a_test_delivery_answers_with_what_the_doctor_needs() {
        String webhook = webhook("Test for the doctor");

        HttpResponse<String> response = post("/v1/webhooks/" + webhook + "/test", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonObject json = Json.parse(response.body());
        JsonObject check = json.getJsonObject("signatureCheck");
        assertThat(check.getString("url")).isEqualTo("/v1/webhooks/" + webhook + "/signature-check");
        assertThat(check.getString("webhook-id")).isEqualTo(json.getString("eventId"));
        assertThat(Json.parse(check.getString("body")).getString("type")).isEqualTo("webhook.test");
    }

    // ---- helpers ----

    /** A fresh agent's webhook, so that each test sees only its own events. */
    private static String webhook(String name) {
        String agent = server.app
                .createAgent()
                .create(server.workspaceId(), name + " agent")
                .id()
                .value();
        currentAgent = agent;
        HttpResponse<String> created = server.json("POST", "/v1/webhooks", """
                {"name":"%s","url":"https://receiver.example.com/%s","agentId":"%s","secret":"%s",
                 "events":["conversation_ended"]}""".formatted(name, agent, agent, SECRET));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.parse(created.body()).getString("webhookId");
    }

    private static String currentAgent;

    private static String sendEvent() {
        HttpResponse<String> sent = server.json("POST", "/v1/events", """
                {"type":"conversation_ended","agentId":"%s","data":{"text":"grüße","n":1}}""".formatted(currentAgent));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return Json.parse(sent.body()).getString("eventId");
    }

    private static List<OutboundRequest> requestsFor(String eventId) {
        return server.app.sender.requests().stream()
                .filter(request -> eventId.equals(request.headers().get("webhook-id")))
                .toList();
    }

    private static List<OutboundRequest> awaitRequests(String eventId, int count) throws InterruptedException {
        for (int i = 0; i < 500 && requestsFor(eventId).size() < count; i++) {
            Thread.sleep(20); // the fake sender answers at once; a replay waits for the dispatcher's poll
        }
        assertThat(requestsFor(eventId)).hasSizeGreaterThanOrEqualTo(count);
        return requestsFor(eventId);
    }

    private static void awaitSucceeded(String eventId) throws InterruptedException {
        for (int i = 0;
                i < 500 && !server.get("/v1/events/" + eventId).body().contains("\"status\":\"succeeded\"");
                i++) {
            Thread.sleep(20);
        }
    }

    private static HttpResponse<String> replay(String webhook, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/v1/webhooks/" + webhook + "/replay"))
                .header("X-API-Key", server.key())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return server.send(request.build());
    }

    private static HttpResponse<String> post(String path, String body) {
        return server.json("POST", path, body);
    }

    private static String check(
            String webhook, OutboundRequest received, String id, String body, String computed, String receiverTime) {
        HttpResponse<String> response = post(
                "/v1/webhooks/" + webhook + "/signature-check", checkBody(received, id, body, computed, receiverTime));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject answer = Json.parse(response.body());
        assertThat(answer.getBoolean("valid"))
                .isEqualTo(answer.getString("diagnosis").equals("valid"));
        return answer.getString("diagnosis");
    }

    private static String checkBody(
            OutboundRequest received, String id, String body, String computed, String receiverTime) {
        var json = JsonFactory.createObjectBuilder()
                .add(
                        "headers",
                        JsonFactory.createObjectBuilder()
                                .add("webhook-id", id)
                                .add("webhook-timestamp", received.headers().get("webhook-timestamp"))
                                .add("webhook-signature", received.headers().get("webhook-signature")))
                .add("body", body);
        if (computed != null) {
            json.add("computedSignature", computed);
        }
        if (receiverTime != null) {
            json.add("receiverTime", receiverTime);
        }
        return json.build().toString();
    }

    /** The receiver's HMAC, from the Standard Webhooks specification, without the production Signer. */
    private static String hmac(byte[] key, String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        if (field != null) {
            assertThat(response.body()).contains("\"" + field + "\"");
        }
    }
}
