package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/webhooks/{webhookId}/secret/rotate}: the new secret once, the old one's expiry on every read. */
class WebhookSecretRotationApiTest {
    private static final ApiTestServer server = new ApiTestServer();

    @AfterAll
    static void stop() {
        server.close();
    }

    private String createWebhook() {
        HttpResponse<String> created = server.json(
                "POST", "/v1/webhooks", """
                {"name": "Rotating", "url": "https://example.com/hook", "agentId": "%s",
                 "secret": "the-first-secret-0001", "events": ["conversation_ended"]}""".formatted(server.agent.id().value()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return "/v1/webhooks/" + Json.parse(created.body()).getString("webhookId");
    }

    @Test
    void without_a_body_a_generated_secret_is_shown_once_and_the_old_one_overlaps_for_24_hours() {
        String path = createWebhook();
        Instant before = Instant.now();

        HttpResponse<String> rotated = server.send("POST", path + "/secret/rotate", server.key(), null, null);

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonObject body = Json.parse(rotated.body());
        assertThat(body.getString("secret")).startsWith("whsec_").hasSize("whsec_".length() + 44);
        Instant expires = Instant.parse(body.getString("previousSecretExpiresAt"));
        assertThat(expires).isCloseTo(before.plus(Duration.ofHours(24)), within(1, ChronoUnit.MINUTES));

        JsonObject read = Json.parse(server.get(path).body());
        assertThat(read.getString("secret")).contains("****").isNotEqualTo(body.getString("secret"));
        assertThat(read.getString("previousSecretExpiresAt")).isEqualTo(body.getString("previousSecretExpiresAt"));
        JsonObject listed = Json.parse(server.get("/v1/webhooks").body()).getJsonArray("data").stream()
                .map(JsonValue::asJsonObject)
                .filter(webhook -> path.endsWith(webhook.getString("webhookId")))
                .findFirst()
                .orElseThrow();
        assertThat(listed.getString("previousSecretExpiresAt")).isEqualTo(body.getString("previousSecretExpiresAt"));
    }

    @Test
    void a_given_secret_with_no_grace_period_replaces_the_old_one_at_once() {
        String path = createWebhook();

        HttpResponse<String> rotated = server.json(
                "POST", path + "/secret/rotate", "{\"secret\": \"the-second-secret-02\", \"gracePeriodSeconds\": 0}");

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonObject body = Json.parse(rotated.body());
        assertThat(body.getString("secret")).isEqualTo("the-second-secret-02");
        assertThat(body.isNull("previousSecretExpiresAt")).isTrue();
        assertThat(Json.parse(server.get(path).body()).isNull("previousSecretExpiresAt"))
                .isTrue();
    }

    @Test
    void a_never_rotated_webhook_reads_with_no_previous_secret() {
        assertThat(Json.parse(server.get(createWebhook()).body()).isNull("previousSecretExpiresAt"))
                .isTrue();
    }

    @Test
    void another_workspaces_webhook_is_404_exactly_like_a_random_id_and_stays_as_it_was() {
        String path = createWebhook();
        String before = server.get(path).body();

        HttpResponse<String> foreign = server.send("POST", path + "/secret/rotate", server.otherKey(), null, null);
        HttpResponse<String> random =
                server.send("POST", "/v1/webhooks/wh_0000000000000000/secret/rotate", server.otherKey(), null, null);

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(random.statusCode()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Json.parse(foreign.body()).getString("title"))
                .isEqualTo(Json.parse(random.body()).getString("title"));
        assertThat(Json.parse(foreign.body()).getString("detail"))
                .isEqualTo(Json.parse(random.body())
                        .getString("detail")
                        .replace("wh_0000000000000000", path.substring("/v1/webhooks/".length())));
        assertThat(server.get(path).body()).isEqualTo(before);
    }

    @Test
    void only_post_rotates() {
        HttpResponse<String> get = server.get(createWebhook() + "/secret/rotate");

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }
}
