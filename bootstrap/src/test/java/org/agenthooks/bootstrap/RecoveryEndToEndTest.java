package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiver's recovery after an outage, against the real service: its deliveries fail while it is down, it comes
 * back, replays what failed (the same webhook-ids, verified by an independent Standard Webhooks verifier) and pulls
 * the events it should have received; and the signature doctor names each mistake a receiver makes on purpose.
 */
class RecoveryEndToEndTest {
    private static final String AGENT = EndToEndTest.SECOND_AGENT;

    @TempDir
    static Path dataDir;

    static Application application;
    static ServiceClient api;
    static TestReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = new TestReceiver();
        application = Application.start(ServiceConfig.load(EndToEndTest.testSettings(dataDir)));
        api = new ServiceClient(application.port(), EndToEndTest.API_KEY);
    }

    @AfterAll
    static void stop() {
        application.close();
        receiver.close();
    }

    @Test
    void after_an_outage_a_receiver_replays_what_failed_and_pulls_what_it_should_have_received() {
        JsonObject webhook = api.json("POST", "/v1/webhooks", """
                {"name":"outage","url":"%s","agentId":"%s","events":["conversation_ended"]}""".formatted(receiver.url("/down"), AGENT), 201);
        String webhookId = webhook.getString("webhookId");
        String secret = webhook.getString("secret");
        Instant since = Instant.now().minusSeconds(1);
        List<String> eventIds = List.of(sendEvent("first"), sendEvent("second"));
        Eventually.within(
                EndToEndTest.PATIENCE,
                () -> assertThat(api.get("/v1/webhooks/" + webhookId + "/deliveries?status=failed")
                                .getJsonArray("data"))
                        .hasSize(2));

        // The receiver is back (at a new address here), and replays what failed.
        api.json("PATCH", "/v1/webhooks/" + webhookId, "{\"url\":\"" + receiver.url("/back") + "\"}", 200);
        JsonObject replayed = api.json(
                "POST",
                "/v1/webhooks/" + webhookId + "/replay",
                """
                {"since":"%s","until":"%s","status":"failed"}""".formatted(since, Instant.now().plusSeconds(1)),
                202);

        assertThat(replayed.getInt("replayed")).isEqualTo(2);
        Eventually.within(
                EndToEndTest.PATIENCE,
                () -> assertThat(receiver.received("/back")).hasSize(2));
        assertThat(receiver.received("/back"))
                .extracting(request -> request.headers().get("webhook-id"))
                .containsExactlyInAnyOrderElementsOf(eventIds);
        assertThat(receiver.received("/back"))
                .allSatisfy(request -> assertThat(
                                StandardWebhooksVerifier.verifies(secret, request.headers(), request.body()))
                        .isTrue());

        JsonObject page = api.get("/v1/webhooks/" + webhookId + "/events?limit=100");
        JsonArray data = page.getJsonArray("data");
        assertThat(data)
                .extracting(item -> item.asJsonObject().getString("eventId"))
                .containsExactlyElementsOf(eventIds);
        String raw = api.send("GET", "/v1/webhooks/" + webhookId + "/events?limit=100", null)
                .body();
        receiver.received("/back")
                .forEach(request -> assertThat(raw)
                        .contains("\"payload\":" + new String(request.body(), StandardCharsets.UTF_8) + "}"));
        Eventually.within(
                EndToEndTest.PATIENCE,
                () -> assertThat(
                                api.get("/v1/webhooks/" + webhookId + "/events").getJsonArray("data"))
                        .allSatisfy(item -> assertThat(item.asJsonObject().getString("deliveryStatus"))
                                .isEqualTo("succeeded")));
    }

    @Test
    void the_doctor_names_each_mistake_a_receiver_makes_on_purpose() {
        JsonObject webhook = api.json("POST", "/v1/webhooks", """
                {"name":"doctor","url":"%s","agentId":"%s","events":["conversation_started"]}""".formatted(receiver.url("/doctor"), AGENT), 201);
        String webhookId = webhook.getString("webhookId");
        String secret = webhook.getString("secret");
        TestReceiver.Received request = delivered("/doctor", "conversation_started");
        Map<String, String> headers = request.headers();
        byte[] body = request.body();
        byte[] rightKey = StandardWebhooksVerifier.standardKey(secret);
        long timestamp = Long.parseLong(headers.get("webhook-timestamp"));

        assertThat(StandardWebhooksVerifier.verifies(secret, headers, body)).isTrue();
        assertThat(diagnose(
                        webhookId, headers, body, StandardWebhooksVerifier.signature(rightKey, headers, body), null))
                .isEqualTo("valid");
        // The raw-format trap: the whsec_ secret's text used as the key.
        assertThat(diagnose(
                        webhookId,
                        headers,
                        body,
                        StandardWebhooksVerifier.signature(secret.getBytes(StandardCharsets.UTF_8), headers, body),
                        null))
                .isEqualTo("secret_encoding");
        // A framework parsed the JSON and the receiver verified the pretty-printed re-serialisation.
        byte[] reserialised = prettyPrinted(body);
        assertThat(diagnose(
                        webhookId,
                        headers,
                        reserialised,
                        StandardWebhooksVerifier.signature(rightKey, headers, reserialised),
                        null))
                .isEqualTo("body_modified");
        assertThat(diagnose(
                        webhookId,
                        headers,
                        body,
                        StandardWebhooksVerifier.signature(rightKey, headers, body),
                        Instant.ofEpochSecond(timestamp).plusSeconds(420).toString()))
                .isEqualTo("timestamp_skew");
        assertThat(diagnose(
                        webhookId,
                        headers,
                        body,
                        StandardWebhooksVerifier.signature(
                                "someone-else's-key".getBytes(StandardCharsets.UTF_8), headers, body),
                        null))
                .isEqualTo("wrong_secret");

        // The webhook's secret is rotated; the receiver still verifies with the old one.
        api.json("POST", "/v1/webhooks/" + webhookId + "/secret/rotate", "{\"gracePeriodSeconds\":3600}", 200);
        assertThat(diagnose(
                        webhookId, headers, body, StandardWebhooksVerifier.signature(rightKey, headers, body), null))
                .isEqualTo("previous_secret");

        // A delivery of another webhook is not one of this webhook's.
        api.json("POST", "/v1/webhooks", """
                {"name":"other","url":"%s","agentId":"%s","events":["conversation_analysed"]}""".formatted(receiver.url("/other"), AGENT), 201);
        TestReceiver.Received other = delivered("/other", "conversation_analysed");
        assertThat(diagnose(webhookId, other.headers(), other.body(), null, null))
                .isEqualTo("unknown_delivery");
    }

    private static String sendEvent(String conversation) {
        return api.json("POST", "/v1/events", """
                {"type":"conversation_ended","agentId":"%s","conversationId":"%s","data":{"text":"grüße"}}""".formatted(AGENT, conversation), 202)
                .getString("eventId");
    }

    private static TestReceiver.Received delivered(String path, String type) {
        String eventId =
                api.json("POST", "/v1/events", """
                {"type":"%s","agentId":"%s","data":{"text":"grüße","n":[1,2]}}""".formatted(type, AGENT), 202).getString("eventId");
        Eventually.within(
                EndToEndTest.PATIENCE,
                () -> assertThat(receiver.received(path))
                        .anySatisfy(request ->
                                assertThat(request.headers().get("webhook-id")).isEqualTo(eventId)));
        return receiver.received(path).stream()
                .filter(request -> request.headers().get("webhook-id").equals(eventId))
                .findFirst()
                .orElseThrow();
    }

    private static String diagnose(
            String webhookId, Map<String, String> headers, byte[] body, String computed, String receiverTime) {
        var json = Json.createObjectBuilder()
                .add(
                        "headers",
                        Json.createObjectBuilder()
                                .add("webhook-id", headers.get("webhook-id"))
                                .add("webhook-timestamp", headers.get("webhook-timestamp"))
                                .add("webhook-signature", headers.get("webhook-signature")))
                .add("body", new String(body, StandardCharsets.UTF_8));
        if (computed != null) {
            json.add("computedSignature", computed);
        }
        if (receiverTime != null) {
            json.add("receiverTime", receiverTime);
        }
        JsonObject answer = api.json(
                "POST",
                "/v1/webhooks/" + webhookId + "/signature-check",
                json.build().toString(),
                200);
        assertThat(answer.getString("message")).isNotBlank();
        assertThat(answer.getBoolean("valid"))
                .isEqualTo(answer.getString("diagnosis").equals("valid"));
        return answer.getString("diagnosis");
    }

    private static byte[] prettyPrinted(byte[] body) {
        JsonObject parsed = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))
                .readObject();
        StringWriter out = new StringWriter();
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(out)
                .write(parsed);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
