package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Agents' and webhooks' names through the API: one rule for both, the same answer for the same text. */
class DisplayNameApiTest {
    private static final ApiTestServer server = new ApiTestServer();

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Names as JSON string literals (escapes as a client would send them). */
    static Stream<String> refusedNames() {
        return Stream.of(
                "\"\\u00a0\\u00a0\\u00a0\"",
                "\"\\u200b\"",
                "\"a\\u0000b\"",
                "\"a\\u001b[31mred\"",
                "\"a\\r\\nb\"",
                "\"invoice\\u202egpj.exe\"",
                "\"a\\u2066b\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedNames")
    void an_agent_and_a_webhook_refuse_the_same_name_alike(String name) {
        HttpResponse<String> agent = server.json("POST", "/v1/agents", "{\"name\":" + name + "}");
        HttpResponse<String> webhook = server.json("POST", "/v1/webhooks", webhook(name));

        assertThat(agent.statusCode()).as(agent.body()).isEqualTo(400);
        assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(400);
        assertThat(errors(agent)).isEqualTo(errors(webhook));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedNames")
    void an_agent_and_a_webhook_accept_the_same_name_alike(String name) {
        HttpResponse<String> agent = server.json("POST", "/v1/agents", "{\"name\":\"" + name + "\"}");
        HttpResponse<String> webhook = server.json("POST", "/v1/webhooks", webhook("\"" + name + "\""));

        assertThat(agent.statusCode()).as(agent.body()).isEqualTo(201);
        assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(201);
        assertThat(Json.parse(agent.body()).getString("name")).isEqualTo(name);
        assertThat(Json.parse(webhook.body()).getString("name")).isEqualTo(name);
    }

    static Stream<String> acceptedNames() {
        return Stream.of("😀".repeat(60), "😀".repeat(100), "Агент поддержки", "👩‍💻 team");
    }

    private static String webhook(String name) {
        return "{\"name\":" + name + ",\"url\":\"https://example.com/h\",\"agentId\":\""
                + server.agent.id().value() + "\",\"events\":[\"conversation_started\"]}";
    }

    private static List<String> errors(HttpResponse<String> response) {
        JsonObject problem = Json.parse(response.body());
        return problem.getJsonArray("errors").stream()
                .map(error -> error.asJsonObject().getString("field") + ": "
                        + error.asJsonObject().getString("message"))
                .toList();
    }
}
