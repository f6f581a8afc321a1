package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret rotation as a receiver sees it, checked by an independent Standard Webhooks verifier: during the overlap
 * a verifier holding either secret accepts the delivery; after it, only one holding the new secret does.
 */
class SecretRotationEndToEndTest {
    private static final String AGENT = EndToEndTest.DOCS_AGENT;
    private static final String OLD_SECRET = "the-old-signing-secret-1";
    private static final int GRACE_SECONDS = 6;

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

    private static TestReceiver.Received deliveredEvent(String path) {
        String eventId =
                api.json("POST", "/v1/events", """
                {"type":"conversation_ended","agentId":"%s","data":{}}""".formatted(AGENT), 202).getString("eventId");
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

    /** The headers with only the {@code index}th signature, to tell which secret signed which. */
    private static Map<String, String> onlySignature(TestReceiver.Received request, int index) {
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put(
                "webhook-signature", request.headers().get("webhook-signature").split(" ")[index]);
        return headers;
    }

    @Test
    void both_secrets_verify_during_the_overlap_and_only_the_new_one_after_it() throws InterruptedException {
        String path = "/rotating";
        String webhookId = api.json("POST", "/v1/webhooks", """
                {"name":"rotating","url":"%s","agentId":"%s","secret":"%s","events":["conversation_ended"]}""".formatted(receiver.url(path), AGENT, OLD_SECRET), 201)
                .getString("webhookId");

        JsonObject rotated = api.json(
                "POST",
                "/v1/webhooks/" + webhookId + "/secret/rotate",
                "{\"gracePeriodSeconds\":" + GRACE_SECONDS + "}",
                200);
        String newSecret = rotated.getString("secret");
        Instant expiresAt = Instant.parse(rotated.getString("previousSecretExpiresAt"));
        assertThat(newSecret).startsWith("whsec_");

        TestReceiver.Received during = deliveredEvent(path);
        assertThat(Instant.ofEpochSecond(Long.parseLong(during.headers().get("webhook-timestamp"))))
                .as("sent during the overlap")
                .isBefore(expiresAt);
        assertThat(during.headers().get("webhook-signature").split(" ")).hasSize(2);
        assertThat(StandardWebhooksVerifier.verifies(OLD_SECRET, during.headers(), during.body()))
                .isTrue();
        assertThat(StandardWebhooksVerifier.verifies(newSecret, during.headers(), during.body()))
                .isTrue();
        assertThat(StandardWebhooksVerifier.verifies(newSecret, onlySignature(during, 0), during.body()))
                .as("the new secret's signature first")
                .isTrue();
        assertThat(StandardWebhooksVerifier.verifies(OLD_SECRET, onlySignature(during, 1), during.body()))
                .isTrue();

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 1_100);
        TestReceiver.Received after = deliveredEvent(path);

        assertThat(after.headers().get("webhook-signature").split(" ")).hasSize(1);
        assertThat(StandardWebhooksVerifier.verifies(newSecret, after.headers(), after.body()))
                .isTrue();
        assertThat(StandardWebhooksVerifier.verifies(OLD_SECRET, after.headers(), after.body()))
                .isFalse();
    }
}
