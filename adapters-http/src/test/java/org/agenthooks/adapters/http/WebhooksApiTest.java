package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.agenthooks.domain.webhook.WebhookId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class WebhooksApiTest {
    private static final ApiTestServer server = new ApiTestServer();

    @AfterAll
    static void stop() {
        server.close();
    }

    private String docsCreateBody() {
        return """
                {
                    "name": "Test Webhook 1",
                    "url": "https://your-server.com/webhooks/ai-agent",
                    "agentId": "%s",
                    "secret": "your-signing-secret",
                    "events": [
                        "conversation_started",
                        "conversation_ended"
                    ]
                }""".formatted(server.agent.id().value());
    }

    private JsonObject create(String body) {
        HttpResponse<String> response = server.json("POST", "/v1/webhooks", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.parse(response.body());
    }

    @Test
    void creating_returns_201_with_location_and_the_whole_secret_once() {
        HttpResponse<String> response = server.json("POST", "/v1/webhooks", docsCreateBody());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonObject body = Json.parse(response.body());
        String id = body.getString("webhookId");
        assertThat(id).matches("wh_[0-9A-Za-z]{16}");
        assertThat(response.headers().firstValue("Location")).hasValue("/v1/webhooks/" + id);
        assertThat(body.getString("workspaceId")).isEqualTo(server.workspaceId().value());
        assertThat(body.getString("name")).isEqualTo("Test Webhook 1");
        assertThat(body.getString("agentId")).isEqualTo(server.agent.id().value());
        assertThat(body.getBoolean("active")).isTrue();
        assertThat(body.getString("secret")).isEqualTo("your-signing-secret");
        assertThat(body.getJsonArray("events").getValuesAs(JsonString::getString))
                .containsExactly("conversation_started", "conversation_ended");
        assertThat(body.getString("url")).isEqualTo("https://your-server.com/webhooks/ai-agent");
        assertThat(body.getString("createdAt")).isEqualTo(body.getString("updatedAt"));
        assertThat(List.copyOf(body.keySet()))
                .containsExactly(
                        "workspaceId",
                        "webhookId",
                        "name",
                        "agentId",
                        "active",
                        "secret",
                        "previousSecretExpiresAt",
                        "events",
                        "ordering",
                        "url",
                        "createdAt",
                        "updatedAt",
                        "disabledReason",
                        "disabledAt",
                        "endpointHealth");
        assertThat(body.isNull("disabledReason")).isTrue();
        assertThat(body.isNull("disabledAt")).isTrue();

        JsonObject read = Json.parse(server.get("/v1/webhooks/" + id).body());
        assertThat(read.getString("secret"))
                .doesNotContain("your-signing-secret")
                .contains("****");
    }

    @Test
    void a_missing_secret_is_generated_in_the_standard_webhooks_format() {
        JsonObject body = create("""
                {"name":"n","url":"https://example.com/h","agentId":"%s","events":"conversation_ended"}""".formatted(server.agent.id().value()));

        assertThat(body.getString("secret")).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(body.getJsonArray("events").getValuesAs(JsonString::getString))
                .containsExactly("conversation_ended");
    }

    @Test
    void the_api_key_header_name_is_case_insensitive() {
        HttpResponse<String> response = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/v1/webhooks"))
                .header("X-API-KEY", server.key())
                .GET()
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void patch_changes_only_the_given_fields_and_pauses() {
        JsonObject created = create(docsCreateBody());
        String path = "/v1/webhooks/" + created.getString("webhookId");

        HttpResponse<String> response = server.json("PATCH", path, "{\"active\":false,\"name\":\"Renamed\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject patched = Json.parse(response.body());
        assertThat(patched.getBoolean("active")).isFalse();
        assertThat(patched.getString("name")).isEqualTo("Renamed");
        assertThat(patched.getString("url")).isEqualTo(created.getString("url"));
        assertThat(patched.getJsonArray("events")).isEqualTo(created.getJsonArray("events"));
        assertThat(Json.parse(server.get(path).body()).getBoolean("active")).isFalse();
    }

    @Test
    void ordering_is_by_conversation_unless_a_webhook_opts_out_and_can_be_switched_by_patch_and_put() {
        JsonObject ordered = create(docsCreateBody());
        JsonObject unordered = create(docsCreateBody().replace("\"events\"", "\"ordering\": \"none\", \"events\""));
        String path = "/v1/webhooks/" + unordered.getString("webhookId");

        HttpResponse<String> patched = server.json("PATCH", path, "{\"ordering\":\"conversation\"}");
        HttpResponse<String> replaced =
                server.json("PUT", path, docsCreateBody().replace("\"events\"", "\"ordering\": \"none\", \"events\""));

        assertThat(ordered.getString("ordering")).isEqualTo("conversation");
        assertThat(unordered.getString("ordering")).isEqualTo("none");
        assertThat(Json.parse(patched.body()).getString("ordering")).isEqualTo("conversation");
        assertThat(Json.parse(replaced.body()).getString("ordering")).isEqualTo("none");
        assertThat(Json.parse(server.get(path).body()).getString("ordering")).isEqualTo("none");
    }

    @Test
    void an_unknown_ordering_is_a_400_naming_the_field() {
        HttpResponse<String> response = server.json(
                "POST", "/v1/webhooks", docsCreateBody().replace("\"events\"", "\"ordering\": \"fifo\", \"events\""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"ordering\"").contains("conversation, none");
    }

    @Test
    void a_webhook_the_service_disabled_shows_why_and_when_until_it_is_resumed() {
        JsonObject created = create(docsCreateBody());
        String path = "/v1/webhooks/" + created.getString("webhookId");
        Instant disabledAt = Instant.parse("2026-01-20T08:00:00.123456Z");
        server.app.webhooks.deactivate(
                server.workspaceId(),
                new WebhookId(created.getString("webhookId")),
                "all deliveries failed since 2026-01-15T08:00:00Z",
                disabledAt);

        JsonObject read = Json.parse(server.get(path).body());
        JsonObject listed = Json.parse(server.get("/v1/webhooks?active=false").body())
                .getJsonArray("data")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(webhook -> webhook.getString("webhookId").equals(created.getString("webhookId")))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> resumed = server.json("PATCH", path, "{\"active\":true}");

        assertThat(read.getBoolean("active")).isFalse();
        assertThat(read.getString("disabledReason")).isEqualTo("all deliveries failed since 2026-01-15T08:00:00Z");
        assertThat(read.getString("disabledAt")).isEqualTo("2026-01-20T08:00:00.123456Z");
        assertThat(listed.getString("disabledReason")).isEqualTo(read.getString("disabledReason"));
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        JsonObject afterResume = Json.parse(server.get(path).body());
        assertThat(afterResume.getBoolean("active")).isTrue();
        assertThat(afterResume.isNull("disabledReason")).isTrue();
        assertThat(afterResume.isNull("disabledAt")).isTrue();
    }

    @Test
    void put_replaces_the_definition_and_keeps_the_secret_when_none_is_sent() {
        JsonObject created = create(docsCreateBody());
        String path = "/v1/webhooks/" + created.getString("webhookId");

        HttpResponse<String> response =
                server.json("PUT", path, """
                {"name":"Replaced","url":"https://example.org/x","agentId":"%s","events":["conversation_analysed"]}""".formatted(server.agent.id().value()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject replaced = Json.parse(response.body());
        assertThat(replaced.getString("name")).isEqualTo("Replaced");
        assertThat(replaced.getJsonArray("events").getValuesAs(JsonString::getString))
                .containsExactly("conversation_analysed");
        assertThat(replaced.getString("createdAt")).isEqualTo(created.getString("createdAt"));
        assertThat(server.app
                        .webhooks
                        .find(
                                server.workspaceId(),
                                new org.agenthooks.domain.webhook.WebhookId(created.getString("webhookId")))
                        .orElseThrow()
                        .secret()
                        .reveal())
                .isEqualTo("your-signing-secret");
    }

    @Test
    void delete_answers_204_and_then_the_webhook_is_gone() {
        String path = "/v1/webhooks/" + create(docsCreateBody()).getString("webhookId");

        assertThat(server.send("DELETE", path, server.key(), null, null).statusCode())
                .isEqualTo(204);
        assertThat(server.get(path).statusCode()).isEqualTo(404);
        assertThat(server.send("DELETE", path, server.key(), null, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void another_workspace_cannot_see_or_touch_a_webhook() {
        String path = "/v1/webhooks/" + create(docsCreateBody()).getString("webhookId");

        HttpResponse<String> read = server.send("GET", path, server.otherKey(), null, null);
        HttpResponse<String> random =
                server.send("GET", "/v1/webhooks/wh_0000000000000000", server.otherKey(), null, null);

        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(Json.parse(read.body()).getString("title"))
                .isEqualTo(Json.parse(random.body()).getString("title"));
        assertThat(server.send("DELETE", path, server.otherKey(), null, null).statusCode())
                .isEqualTo(404);
        assertThat(server.get(path).statusCode()).isEqualTo(200);
        assertThat(Json.parse(server.send("GET", "/v1/webhooks", server.otherKey(), null, null)
                                .body())
                        .getJsonArray("data"))
                .isEmpty();
    }

    @Test
    void listing_pages_newest_first_and_filters() {
        ApiTestServer own = new ApiTestServer();
        try (own) {
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> response = own.json("POST", "/v1/webhooks", """
                        {"name":"w%d","url":"https://example.com/%d","agentId":"%s","events":["%s"],"active":%s}""".formatted(
                                i,
                                i,
                                own.agent.id().value(),
                                i % 2 == 0 ? "conversation_started" : "conversation_ended",
                                i != 4));
                created.add(Json.parse(response.body()).getString("webhookId"));
            }
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                JsonObject page =
                        Json.parse(own.get("/v1/webhooks?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                                .body());
                page.getJsonArray("data")
                        .forEach(item -> seen.add(item.asJsonObject().getString("webhookId")));
                cursor = page.isNull("nextCursor") ? null : page.getString("nextCursor");
            } while (cursor != null);

            assertThat(seen).containsExactlyElementsOf(created.reversed());
            assertThat(Json.parse(own.get("/v1/webhooks?event=conversation_ended")
                                    .body())
                            .getJsonArray("data"))
                    .hasSize(2);
            assertThat(Json.parse(own.get("/v1/webhooks?active=false").body()).getJsonArray("data"))
                    .hasSize(1);
            assertThat(Json.parse(own.get("/v1/webhooks?agentId="
                                            + own.agent.id().value())
                                    .body())
                            .getJsonArray("data"))
                    .hasSize(5);
        }
    }

    @Test
    void event_types_list_the_catalog() {
        JsonObject body = Json.parse(server.get("/v1/event-types").body());

        assertThat(body.getJsonArray("data").stream().map(v -> v.asJsonObject().getString("name")))
                .contains("conversation_started", "conversation_ended", "conversation_analysed");
    }

    @Test
    void agents_can_be_created_read_and_listed() {
        HttpResponse<String> created = server.json("POST", "/v1/agents", "{\"name\":\"Billing agent\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        String id = Json.parse(created.body()).getString("agentId");
        assertThat(Json.parse(server.get("/v1/agents/" + id).body()).getString("name"))
                .isEqualTo("Billing agent");
        assertThat(server.get("/v1/agents").body()).contains(id);
        assertThat(server.send("GET", "/v1/agents/" + id, server.otherKey(), null, null)
                        .statusCode())
                .isEqualTo(404);
    }
}
