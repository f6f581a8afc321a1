package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A webhook's reads show how this instance's delivery engine sees its URL's endpoint, as {@code endpointHealth}. */
class EndpointHealthApiTest {
    private static final ApiTestServer server = new ApiTestServer();

    @AfterAll
    static void stop() {
        server.close();
    }

    private String webhook(String url) {
        HttpResponse<String> created = server.json(
                "POST", "/v1/webhooks", """
                {"name":"Health","url":"%s","agentId":"%s","events":["conversation_ended"]}""".formatted(url, server.agent.id().value()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Json.parse(created.body()).get("endpointHealth")).isEqualTo(JsonValue.NULL);
        return "/v1/webhooks/" + Json.parse(created.body()).getString("webhookId");
    }

    private JsonObject read(String path) {
        HttpResponse<String> response = server.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    @Test
    void an_endpoint_this_instance_has_not_sent_to_has_null_health() {
        String path = webhook("https://never.example.com/hooks");

        assertThat(read(path).get("endpointHealth")).isEqualTo(JsonValue.NULL);
    }

    @Test
    void once_sent_to_the_endpoint_shows_its_circuit_limit_and_attempts_in_flight() throws InterruptedException {
        String path = webhook("https://sent.example.com/hooks");
        HttpResponse<String> test = server.json("POST", path + "/test", null);
        assertThat(test.statusCode()).as(test.body()).isEqualTo(202);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (read(path).get("endpointHealth") == JsonValue.NULL
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }

        JsonObject health = read(path).getJsonObject("endpointHealth");
        assertThat(health.getString("state")).isEqualTo("closed");
        assertThat(health.getInt("limit")).isEqualTo(8);
        assertThat(health.getInt("inFlight")).isBetween(0, 1);
        assertThat(health.get("pausedUntil")).isEqualTo(JsonValue.NULL);
        JsonObject listed =
                Json.parse(server.get("/v1/webhooks").body())
                        .getJsonArray("data")
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .filter(webhook -> path.endsWith(webhook.getString("webhookId")))
                        .findFirst()
                        .orElseThrow();
        assertThat(listed.getJsonObject("endpointHealth").getString("state")).isEqualTo("closed");
    }
}
