package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/events/batch} on a real server: each item answered in its place, as the single endpoint would. */
class EventBatchApiTest {
    private static final ApiTestServer server = new ApiTestServer();

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String event(String type, String extra) {
        return """
                {"type":"%s","agentId":"%s","data":{"n":1}%s}""".formatted(type, server.agent.id().value(), extra);
    }

    private static HttpResponse<String> batch(String... items) {
        return server.json("POST", "/v1/events/batch", "{\"events\":[" + String.join(",", items) + "]}");
    }

    private static JsonArray results(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        return Json.parse(response.body()).getJsonArray("results");
    }

    @Test
    void valid_items_are_accepted_and_each_invalid_one_gets_the_single_endpoints_problem_in_its_place() {
        String single = event("conversation_started", ",\"agentId\":1").replace("\"agentId\":\"", "\"x\":\"");
        HttpResponse<String> singleAnswer = server.json("POST", "/v1/events", single);

        JsonArray results = results(batch(
                event("conversation_started", ""),
                single,
                "[1,2]",
                event("conversation_ended", ",\"id\":\"order-1\""),
                "{\"type\":\"conversation_started\",\"agentId\":\"NoSuchAgent000001\",\"data\":{}}"));

        assertThat(results).hasSize(5);
        JsonObject first = results.getJsonObject(0);
        assertThat(first.getInt("status")).isEqualTo(202);
        assertThat(first.getInt("deliveries")).isZero();
        assertThat(server.get("/v1/events/" + first.getString("eventId")).statusCode())
                .isEqualTo(200);
        JsonObject invalid = results.getJsonObject(1);
        assertThat(singleAnswer.statusCode()).isEqualTo(400);
        // Exactly the single endpoint's problem for the same item.
        assertThat(invalid).isEqualTo(Json.parse(singleAnswer.body()));
        assertThat(invalid.getInt("status")).isEqualTo(400);
        assertThat(invalid.getJsonArray("errors"))
                .extracting(error -> error.asJsonObject().getString("field"))
                .containsExactlyInAnyOrder("agentId", "x");
        JsonObject notAnObject = results.getJsonObject(2);
        assertThat(notAnObject.getInt("status")).isEqualTo(400);
        assertThat(notAnObject.getString("detail")).isEqualTo("The event must be a JSON object.");
        assertThat(results.getJsonObject(3).getInt("status")).isEqualTo(202);
        JsonObject unknownAgent = results.getJsonObject(4);
        assertThat(unknownAgent.getInt("status")).isEqualTo(400);
        assertThat(unknownAgent.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("agentId");
    }

    @Test
    void an_id_keeps_its_idempotency_per_item_within_a_batch_and_with_single_posts() {
        String keyed = event("conversation_started", ",\"id\":\"batch-key-7\"");

        JsonArray results = results(batch(keyed, keyed));
        HttpResponse<String> later = server.json("POST", "/v1/events", keyed);

        String eventId = results.getJsonObject(0).getString("eventId");
        assertThat(results.getJsonObject(1).getString("eventId")).isEqualTo(eventId);
        assertThat(Json.parse(later.body()).getString("eventId")).isEqualTo(eventId);
    }

    @Test
    void an_empty_list_is_refused_whole_with_400() {
        HttpResponse<String> response = server.json("POST", "/v1/events/batch", "{\"events\":[]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(Json.parse(response.body())
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo("events");
    }

    @Test
    void more_than_500_items_are_refused_whole_with_400_naming_the_limit() {
        HttpResponse<String> response = batch(
                Collections.nCopies(501, event("conversation_started", "")).toArray(String[]::new));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body())
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("message"))
                .isEqualTo("holds 501 events; at most 500 are taken at once");
    }

    @Test
    void exactly_500_items_are_taken() {
        JsonArray results = results(batch(
                Collections.nCopies(500, event("conversation_started", "")).toArray(String[]::new)));

        assertThat(results)
                .hasSize(500)
                .allSatisfy(result ->
                        assertThat(result.asJsonObject().getInt("status")).isEqualTo(202));
    }

    @Test
    void a_body_over_the_batch_limit_is_refused_with_413() {
        String data = "x".repeat(1024 * 1024);
        String big = event("conversation_started", "").replace("{\"n\":1}", "{\"s\":\"" + data + "\"}");

        HttpResponse<String> response = batch(Collections.nCopies(9, big).toArray(String[]::new));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(Json.parse(response.body()).getString("detail"))
                .isEqualTo("The request body is larger than " + RestApi.DEFAULT_MAX_BATCH_BODY_BYTES + " bytes.");
    }

    @Test
    void malformed_json_in_an_item_refuses_the_whole_body_with_400() {
        HttpResponse<String> response =
                server.json("POST", "/v1/events/batch", "{\"events\":[" + event("conversation_started", "") + ",{]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).getString("detail")).startsWith("The request body is not valid JSON");
    }

    @Test
    void a_body_without_a_list_of_events_is_refused_whole() {
        HttpResponse<String> missing = server.json("POST", "/v1/events/batch", "{\"event\":[]}");
        HttpResponse<String> notAList = server.json("POST", "/v1/events/batch", "{\"events\":{}}");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Json.parse(missing.body()).getJsonArray("errors"))
                .extracting(error -> error.asJsonObject().getString("field"))
                .containsExactlyInAnyOrder("event", "events");
        assertThat(notAList.statusCode()).isEqualTo(400);
        assertThat(Json.parse(notAList.body())
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("message"))
                .isEqualTo("must be a JSON array");
    }

    @Test
    void other_methods_on_the_batch_path_get_405() {
        HttpResponse<String> response = server.get("/v1/events/batch");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
    }
}
