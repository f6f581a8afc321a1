package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input, on every endpoint: the exact status and problem body, never a 500. */
class BadInputTest {
    private static final ApiTestServer server = new ApiTestServer();
    private static final String JSON = "application/json";
    private static String webhookPath;

    enum Key {
        VALID,
        NONE,
        EMPTY,
        GARBAGE,
        UNKNOWN_ID,
        WRONG_SECRET
    }

    record Case(
            String description,
            String method,
            String path,
            Key key,
            String contentType,
            byte[] body,
            int status,
            String title,
            List<String> errorFields,
            String detailContains) {
        @Override
        public String toString() {
            return description;
        }
    }

    @BeforeAll
    static void createOneWebhook() {
        HttpResponse<String> created = server.json("POST", "/v1/webhooks", validBody());
        webhookPath = "/v1/webhooks/" + Json.parse(created.body()).getString("webhookId");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String validBody() {
        return body("\"name\":\"n\",\"url\":\"https://example.com/h\",\"events\":[\"conversation_started\"]");
    }

    /** A create body with the test agent and the given other members. */
    static String body(String members) {
        return "{\"agentId\":\"" + server.agent.id().value() + "\"," + members + "}";
    }

    static Case invalid(String description, String method, String path, String body, String... fields) {
        return new Case(
                description,
                method,
                path,
                Key.VALID,
                JSON,
                bytes(body),
                400,
                "Invalid request",
                List.of(fields),
                "invalid fields");
    }

    static Case create(String description, String members, String... fields) {
        return invalid(description, "POST", "/v1/webhooks", body(members), fields);
    }

    static Case problem(
            String description,
            String method,
            String path,
            Key key,
            String contentType,
            byte[] body,
            int status,
            String title,
            String detailContains) {
        return new Case(description, method, path, key, contentType, body, status, title, List.of(), detailContains);
    }

    static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Case> cases() {
        String good = "\"name\":\"n\",\"url\":\"https://example.com/h\",\"events\":[\"conversation_started\"]";
        List<Case> cases = new ArrayList<>(List.of(
                problem("no API key", "GET", "/v1/webhooks", Key.NONE, null, null, 401, "Unauthorized", "X-API-Key"),
                problem(
                        "empty API key",
                        "GET",
                        "/v1/webhooks",
                        Key.EMPTY,
                        null,
                        null,
                        401,
                        "Unauthorized",
                        "X-API-Key"),
                problem(
                        "API key of no known shape",
                        "GET",
                        "/v1/webhooks",
                        Key.GARBAGE,
                        null,
                        null,
                        401,
                        "Unauthorized",
                        "not valid"),
                problem(
                        "API key with an unknown id",
                        "GET",
                        "/v1/webhooks",
                        Key.UNKNOWN_ID,
                        null,
                        null,
                        401,
                        "Unauthorized",
                        "not valid"),
                problem(
                        "API key with a wrong secret part",
                        "POST",
                        "/v1/webhooks",
                        Key.WRONG_SECRET,
                        JSON,
                        bytes(validBody()),
                        401,
                        "Unauthorized",
                        "not valid"),
                problem(
                        "unknown route under /v1",
                        "GET",
                        "/v1/nothing-here",
                        Key.VALID,
                        null,
                        null,
                        404,
                        "Not found",
                        "no such resource"),
                problem(
                        "unknown route outside /v1",
                        "GET",
                        "/admin",
                        Key.NONE,
                        null,
                        null,
                        404,
                        "Not found",
                        "no such resource"),
                problem(
                        "DELETE on the collection",
                        "DELETE",
                        "/v1/webhooks",
                        Key.VALID,
                        null,
                        null,
                        405,
                        "Method Not Allowed",
                        "allowed: GET, POST"),
                problem(
                        "POST on one webhook",
                        "POST",
                        "/v1/webhooks/wh_0000000000000000",
                        Key.VALID,
                        JSON,
                        bytes("{}"),
                        405,
                        "Method Not Allowed",
                        "allowed: GET, PATCH, PUT, DELETE"),
                problem(
                        "PUT on the event types",
                        "PUT",
                        "/v1/event-types",
                        Key.VALID,
                        JSON,
                        bytes("{}"),
                        405,
                        "Method Not Allowed",
                        "allowed: GET"),
                problem(
                        "POST on the OpenAPI document",
                        "POST",
                        "/openapi",
                        Key.NONE,
                        JSON,
                        bytes("{}"),
                        405,
                        "Method Not Allowed",
                        "allowed: GET"),
                problem(
                        "create without a content type",
                        "POST",
                        "/v1/webhooks",
                        Key.VALID,
                        null,
                        bytes(validBody()),
                        415,
                        "Unsupported Media Type",
                        "application/json"),
                problem(
                        "create as text/plain",
                        "POST",
                        "/v1/webhooks",
                        Key.VALID,
                        "text/plain",
                        bytes(validBody()),
                        415,
                        "Unsupported Media Type",
                        "text/plain"),
                problem(
                        "create as JSON in Latin-1",
                        "POST",
                        "/v1/webhooks",
                        Key.VALID,
                        "application/json; charset=ISO-8859-1",
                        bytes(validBody()),
                        415,
                        "Unsupported Media Type",
                        "UTF-8"),
                problem(
                        "create with an empty body",
                        "POST",
                        "/v1/webhooks",
                        Key.VALID,
                        JSON,
                        bytes(""),
                        400,
                        "Bad Request",
                        "empty"),
                problem(
                        "create with malformed JSON",
                        "POST",
                        "/v1/webhooks",
                        Key.VALID,
                        JSON,
                        bytes("{\"name\":"),
                        400,
                        "Bad Request",
                        "not valid JSON"),
                problem(
                        "create with a JSON array",
                        "POST",
                        "/v1/webhooks",
                        Key.VALID,
                        JSON,
                        bytes("[1,2]"),
                        400,
                        "Bad Request",
                        "must be a JSON object"),
                problem(
                        "create with JSON null",
                        "POST",
                        "/v1/webhooks",
                        Key.VALID,
                        JSON,
                        bytes("null"),
                        400,
                        "Bad Request",
                        "must be a JSON object"),
                problem(
                        "create with invalid UTF-8",
                        "POST",
                        "/v1/webhooks",
                        Key.VALID,
                        JSON,
                        new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                        400,
                        "Bad Request",
                        "UTF-8"),
                problem(
                        "create with a duplicate key",
                        "POST",
                        "/v1/webhooks",
                        Key.VALID,
                        JSON,
                        bytes(body(good + ",\"name\":\"again\"")),
                        400,
                        "Bad Request",
                        "not valid JSON"),
                problem(
                        "create with a body over the limit",
                        "POST",
                        "/v1/webhooks",
                        Key.VALID,
                        JSON,
                        bytes(body(good + ",\"pad\":\"" + "x".repeat((int) ApiTestServer.MAX_BODY_BYTES) + "\"")),
                        413,
                        "Request Entity Too Large",
                        "larger than"),
                problem(
                        "create nested 10,000 deep",
                        "POST",
                        "/v1/webhooks",
                        Key.VALID,
                        JSON,
                        bytes("{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                        400,
                        "Bad Request",
                        ""),
                create(
                        "create without a name",
                        "\"url\":\"https://example.com/h\",\"events\":[\"conversation_started\"]",
                        "name"),
                invalid("create with nothing", "POST", "/v1/webhooks", "{}", "name", "url", "agentId", "events"),
                create(
                        "create with a blank name",
                        "\"name\":\"  \",\"url\":\"https://e.com/h\",\"events\":[\"conversation_started\"]",
                        "name"),
                create(
                        "create with a 101-character name",
                        "\"name\":\"" + "n".repeat(101)
                                + "\",\"url\":\"https://e.com/h\",\"events\":[\"conversation_started\"]",
                        "name"),
                create(
                        "create with a numeric name",
                        "\"name\":7,\"url\":\"https://e.com/h\",\"events\":[\"conversation_started\"]",
                        "name"),
                create(
                        "create with a relative url",
                        "\"name\":\"n\",\"url\":\"/hooks\",\"events\":[\"conversation_started\"]",
                        "url"),
                create(
                        "create with an ftp url",
                        "\"name\":\"n\",\"url\":\"ftp://e.com/h\",\"events\":[\"conversation_started\"]",
                        "url"),
                create(
                        "create with credentials in the url",
                        "\"name\":\"n\",\"url\":\"https://user:pw@e.com/h\",\"events\":[\"conversation_started\"]",
                        "url"),
                create(
                        "create with a 2049-character url",
                        "\"name\":\"n\",\"url\":\"https://e.com/" + "a".repeat(2049 - 14)
                                + "\",\"events\":[\"conversation_started\"]",
                        "url"),
                create(
                        "create with a url that is not one",
                        "\"name\":\"n\",\"url\":\"https://e .com/h\",\"events\":[\"conversation_started\"]",
                        "url"),
                invalid(
                        "create for an unknown agent",
                        "POST",
                        "/v1/webhooks",
                        "{\"agentId\":\"NoSuchAgent000000\"," + good + "}",
                        "agentId"),
                invalid(
                        "create for another workspace's agent",
                        "POST",
                        "/v1/webhooks",
                        "{\"agentId\":\"" + server.otherAgent.id().value() + "\"," + good + "}",
                        "agentId"),
                invalid(
                        "create with a malformed agent id",
                        "POST",
                        "/v1/webhooks",
                        "{\"agentId\":\"bad agent!\"," + good + "}",
                        "agentId"),
                create("create with a 7-character secret", good + ",\"secret\":\"1234567\"", "secret"),
                create("create with a non-ASCII secret", good + ",\"secret\":\"pässwörd-long\"", "secret"),
                create(
                        "create with a whsec_ secret that is not base64",
                        good + ",\"secret\":\"whsec_not*base64!!\"",
                        "secret"),
                create(
                        "create with a whsec_ secret of 16 bytes",
                        good + ",\"secret\":\"whsec_AAAAAAAAAAAAAAAAAAAAAA==\"",
                        "secret"),
                create("create with no events", "\"name\":\"n\",\"url\":\"https://e.com/h\",\"events\":[]", "events"),
                create(
                        "create with an unknown event",
                        "\"name\":\"n\",\"url\":\"https://e.com/h\",\"events\":[\"call_started\"]",
                        "events"),
                create(
                        "create with a numeric event",
                        "\"name\":\"n\",\"url\":\"https://e.com/h\",\"events\":[3]",
                        "events"),
                create(
                        "create with events as an object",
                        "\"name\":\"n\",\"url\":\"https://e.com/h\",\"events\":{}",
                        "events"),
                create(
                        "create subscribing to webhook.test",
                        "\"name\":\"n\",\"url\":\"https://e.com/h\",\"events\":[\"webhook.test\"]",
                        "events"),
                create("create with active as a string", good + ",\"active\":\"yes\"", "active"),
                create("create with an unknown field", good + ",\"event\":\"conversation_started\"", "event"),
                create(
                        "create with two bad fields",
                        "\"name\":\"\",\"url\":\"nope\",\"events\":[\"conversation_started\"]",
                        "name",
                        "url"),
                problem(
                        "get a malformed webhook id",
                        "GET",
                        "/v1/webhooks/not-an-id",
                        Key.VALID,
                        null,
                        null,
                        404,
                        "Not found",
                        "No webhook"),
                problem(
                        "get an unknown webhook id",
                        "GET",
                        "/v1/webhooks/wh_0000000000000000",
                        Key.VALID,
                        null,
                        null,
                        404,
                        "Not found",
                        "No webhook"),
                problem(
                        "get a 1,000-character webhook id",
                        "GET",
                        "/v1/webhooks/" + "w".repeat(1000),
                        Key.VALID,
                        null,
                        null,
                        404,
                        "Not found",
                        "No webhook"),
                problem(
                        "get an id with SQL in it",
                        "GET",
                        "/v1/webhooks/%27%20OR%201=1",
                        Key.VALID,
                        null,
                        null,
                        404,
                        "Not found",
                        "No webhook"),
                problem(
                        "patch an unknown webhook",
                        "PATCH",
                        "/v1/webhooks/wh_0000000000000000",
                        Key.VALID,
                        JSON,
                        bytes("{\"active\":false}"),
                        404,
                        "Not found",
                        "No webhook"),
                problem(
                        "delete an unknown webhook",
                        "DELETE",
                        "/v1/webhooks/wh_0000000000000000",
                        Key.VALID,
                        null,
                        null,
                        404,
                        "Not found",
                        "No webhook"),
                invalid("list with limit 0", "GET", "/v1/webhooks?limit=0", null, "limit"),
                invalid("list with an unknown event filter", "GET", "/v1/webhooks?event=nope", null, "event"),
                invalid("create an agent without a name", "POST", "/v1/agents", "{}", "name"),
                problem(
                        "get an unknown agent",
                        "GET",
                        "/v1/agents/NoSuchAgent000000",
                        Key.VALID,
                        null,
                        null,
                        404,
                        "Not found",
                        "No agent")));
        cases.add(invalid("patch with a bad url", "PATCH", "WEBHOOK", "{\"url\":\"mailto:x@y.z\"}", "url"));
        cases.add(invalid("patch with no events", "PATCH", "WEBHOOK", "{\"events\":[]}", "events"));
        cases.add(invalid("patch with a null name", "PATCH", "WEBHOOK", "{\"name\":null}", "name"));
        String rotate = "WEBHOOK/secret/rotate";
        cases.add(invalid(
                "rotate with a grace period over 7 days",
                "POST",
                rotate,
                "{\"gracePeriodSeconds\":604801}",
                "gracePeriodSeconds"));
        cases.add(invalid(
                "rotate with a negative grace period",
                "POST",
                rotate,
                "{\"gracePeriodSeconds\":-1}",
                "gracePeriodSeconds"));
        cases.add(invalid(
                "rotate with a fractional grace period",
                "POST",
                rotate,
                "{\"gracePeriodSeconds\":1.5}",
                "gracePeriodSeconds"));
        cases.add(invalid(
                "rotate with a grace period as a string",
                "POST",
                rotate,
                "{\"gracePeriodSeconds\":\"60\"}",
                "gracePeriodSeconds"));
        cases.add(invalid("rotate with a short secret", "POST", rotate, "{\"secret\":\"short\"}", "secret"));
        cases.add(invalid("rotate with an unknown field", "POST", rotate, "{\"grace\":60}", "grace"));
        cases.add(problem(
                "rotate with trailing junk after the body",
                "POST",
                rotate,
                Key.VALID,
                JSON,
                bytes("{\"gracePeriodSeconds\":60} x"),
                400,
                "Bad Request",
                "not valid JSON"));
        cases.add(invalid(
                "patch to another workspace's agent",
                "PATCH",
                "WEBHOOK",
                "{\"agentId\":\"" + server.otherAgent.id().value() + "\"}",
                "agentId"));
        cases.add(invalid("put without url and events", "PUT", "WEBHOOK", body("\"name\":\"n\""), "url", "events"));
        cases.add(new Case(
                "list with limit 101",
                "GET",
                "/v1/webhooks?limit=101",
                Key.VALID,
                null,
                null,
                400,
                "Invalid request",
                List.of("limit"),
                "invalid fields"));
        cases.add(new Case(
                "list with limit -1",
                "GET",
                "/v1/webhooks?limit=-1",
                Key.VALID,
                null,
                null,
                400,
                "Invalid request",
                List.of("limit"),
                "invalid fields"));
        cases.add(new Case(
                "list with limit abc",
                "GET",
                "/v1/webhooks?limit=abc",
                Key.VALID,
                null,
                null,
                400,
                "Invalid request",
                List.of("limit"),
                "invalid fields"));
        cases.add(new Case(
                "list with active=maybe",
                "GET",
                "/v1/webhooks?active=maybe",
                Key.VALID,
                null,
                null,
                400,
                "Invalid request",
                List.of("active"),
                "invalid fields"));
        cases.add(new Case(
                "list with a forged cursor",
                "GET",
                "/v1/webhooks?cursor=Zm9yZ2Vk",
                Key.VALID,
                null,
                null,
                400,
                "Invalid request",
                List.of("cursor"),
                "invalid fields"));
        cases.add(new Case(
                "list with a malformed agent filter",
                "GET",
                "/v1/webhooks?agentId=a%20b",
                Key.VALID,
                null,
                null,
                400,
                "Invalid request",
                List.of("agentId"),
                "invalid fields"));
        cases.add(new Case(
                "create an agent with a 101-character name",
                "POST",
                "/v1/agents",
                Key.VALID,
                JSON,
                bytes("{\"name\":\"" + "a".repeat(101) + "\"}"),
                400,
                "Invalid request",
                List.of("name"),
                "invalid fields"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bad_input_gets_the_exact_problem(Case c) {
        String path = c.path().startsWith("WEBHOOK") ? webhookPath + c.path().substring("WEBHOOK".length()) : c.path();

        HttpResponse<String> response = server.sendBytes(c.method(), path, key(c.key()), c.contentType(), c.body());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = Json.parse(response.body());
        assertThat(problem.getInt("status")).isEqualTo(c.status());
        assertThat(problem.getString("title")).isEqualTo(c.title());
        assertThat(problem.getString("detail")).containsIgnoringCase(c.detailContains());
        List<String> fields = problem.containsKey("errors")
                ? problem.getJsonArray("errors").stream()
                        .map(e -> e.asJsonObject().getString("field"))
                        .toList()
                : List.of();
        assertThat(fields).containsExactlyElementsOf(c.errorFields());
        if (!fields.isEmpty()) {
            problem.getJsonArray("errors")
                    .forEach(e ->
                            assertThat(e.asJsonObject().getString("message")).isNotBlank());
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static String key(Key key) {
        return switch (key) {
            case VALID -> server.key();
            case NONE -> null;
            case EMPTY -> "";
            case GARBAGE -> "let-me-in";
            case UNKNOWN_ID -> "key_AAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
            case WRONG_SECRET -> server.key().substring(0, server.key().indexOf('.') + 1) + "x".repeat(40);
        };
    }
}
