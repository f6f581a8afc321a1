package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Junk bodies, sent byte for byte over a socket, on every route that reads a body: each gets a 400, 413 or 415
 * problem, never a 2xx or a 5xx; the routes that take no body never answer 5xx to one.
 */
class JunkBodyTest {
    private static final ApiTestServer server = new ApiTestServer();
    private static String webhookPath;
    private static String deliveryPath;

    /** A route that reads a JSON object, and a body it accepts, to which the junk is added. */
    record BodyRoute(String method, String path, String validBody, String text) {
        @Override
        public String toString() {
            return method + " " + path.replaceAll("wh_\\w+", "{id}");
        }
    }

    /** Junk: the content-type line (null: none at all) and the body. */
    record Junk(String description, String contentTypeLine, byte[] body) {
        @Override
        public String toString() {
            return description;
        }
    }

    record Case(BodyRoute route, Junk junk) {
        @Override
        public String toString() {
            return route + ", " + junk;
        }
    }

    @BeforeAll
    static void createOneWebhookWithADelivery() {
        HttpResponse<String> created = server.json("POST", "/v1/webhooks", webhookBody());
        webhookPath = "/v1/webhooks/" + Json.parse(created.body()).getString("webhookId");
        HttpResponse<String> tested = server.json("POST", webhookPath + "/test", null);
        deliveryPath = "/v1/deliveries/" + Json.parse(tested.body()).getString("deliveryId");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String webhookBody() {
        return "{\"name\":\"n\",\"url\":\"https://example.com/h\",\"agentId\":\""
                + server.agent.id().value() + "\",\"events\":[\"conversation_started\"]}";
    }

    static List<BodyRoute> bodyRoutes() {
        String event = "{\"type\":\"conversation_started\",\"agentId\":\""
                + server.agent.id().value() + "\",\"conversationId\":\"c1\",\"data\":{\"k\":\"v\"}}";
        return List.of(
                new BodyRoute("POST", "/v1/webhooks", webhookBody(), "n"),
                new BodyRoute("PUT", webhookPath, webhookBody(), "n"),
                new BodyRoute("PATCH", webhookPath, "{\"name\":\"n\"}", "n"),
                new BodyRoute("POST", "/v1/agents", "{\"name\":\"Agent\"}", "Agent"),
                new BodyRoute("POST", "/v1/events", event, "v"));
    }

    static List<Junk> junk(String valid, String text) {
        String quoted = "\"" + text + "\"";
        String json = "Content-Type: application/json";
        String unknownFieldsOfSameSize = valid.substring(0, valid.length() - 1) + ",\"name\":\"again\"}";
        return List.of(
                new Junk("malformed", json, bytes("{\"name\":")),
                new Junk("an array", json, bytes("[" + valid + "]")),
                new Junk("null", json, bytes("null")),
                new Junk("a string", json, bytes("\"text\"")),
                new Junk(
                        "invalid UTF-8",
                        json,
                        concat(bytes("{\"name\":\""), new byte[] {(byte) 0xC3, 0x28}, bytes("\"}"))),
                new Junk(
                        "an encoded lone surrogate",
                        json,
                        concat(
                                bytes("{\"name\":\""),
                                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                                bytes("\"}"))),
                new Junk(
                        "arrays nested 10,000 deep",
                        json,
                        bytes("{\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")),
                new Junk(
                        "objects nested 10,000 deep", json, bytes("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))),
                new Junk(
                        "a duplicate key",
                        json,
                        bytes(unknownFieldsOfSameSize.replace(
                                "\"name\":\"again\"",
                                valid.substring(1, valid.indexOf(',') > 0 ? valid.indexOf(',') : valid.length() - 1)))),
                new Junk("no content type", null, bytes(valid)),
                new Junk("an empty content type", "Content-Type:", bytes(valid)),
                new Junk("a blank content type", "Content-Type:   ", bytes(valid)),
                new Junk("a content type that is not a media type", "Content-Type: ;;;", bytes(valid)),
                new Junk("text/plain", "Content-Type: text/plain", bytes(valid)),
                new Junk("JSON in Latin-1", "Content-Type: application/json; charset=ISO-8859-1", bytes(valid)),
                new Junk(
                        "5 MB",
                        json,
                        bytes(valid.substring(0, valid.length() - 1) + ",\"pad\":\"" + "x".repeat(5 << 20) + "\"}")),
                new Junk("trailing garbage", json, bytes(valid + " trailing garbage")),
                new Junk("a second object", json, bytes(valid + valid)),
                new Junk("a NUL after the object", json, bytes(valid + "\u0000")),
                new Junk("a lone high surrogate escape", json, bytes(valid.replace(quoted, "\"" + text + "\\ud800\""))),
                new Junk(
                        "a lone low surrogate escape in a key",
                        json,
                        bytes(valid.substring(0, valid.length() - 1) + ",\"\\udc00\":1}")),
                new Junk("reversed surrogates", json, bytes(valid.replace(quoted, "\"\\udc00\\ud800" + text + "\""))));
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (BodyRoute route : bodyRoutes()) {
            junk(route.validBody(), route.text()).forEach(junk -> cases.add(new Case(route, junk)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void junk_gets_a_4xx_problem(Case c) {
        RawHttp.Answer answer = send(
                c.route().method(),
                c.route().path(),
                c.junk().contentTypeLine(),
                c.junk().body());

        assertThat(answer.status()).as(c + ": " + answer.text()).isIn(400, 413, 415);
        assertThat(answer.text()).containsIgnoringCase("Content-Type: application/problem+json");
        JsonObject problem = Json.parse(answer.body());
        assertThat(problem.getInt("status")).isEqualTo(answer.status());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodyRoutes")
    void the_valid_body_each_junk_is_made_from_is_accepted(BodyRoute route) {
        RawHttp.Answer answer =
                send(route.method(), route.path(), "Content-Type: application/json", bytes(route.validBody()));

        assertThat(answer.status()).as(answer.text()).isBetween(200, 299);
    }

    static Stream<String> routesWithoutBody() {
        return Stream.of("POST " + webhookPath + "/test", "POST " + deliveryPath + "/redeliver");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routesWithoutBody")
    void routes_without_a_body_never_answer_5xx_to_one(String route) {
        String[] parts = route.split(" ");
        for (Junk junk : junk("{\"a\":\"b\"}", "b")) {
            RawHttp.Answer answer = send(parts[0], parts[1], junk.contentTypeLine(), junk.body());
            assertThat(answer.status()).as(junk + ": " + answer.text()).isBetween(200, 499);
        }
    }

    @Test
    void thousands_of_unknown_fields_list_a_few_errors_and_count_the_rest() {
        StringBuilder body = new StringBuilder("{\"name\":\"Agent\"");
        for (int i = 0; i < 5_000; i++) {
            body.append(",\"f").append(i).append("\":0");
        }
        body.append('}');

        HttpResponse<String> response = server.json("POST", "/v1/agents", body.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject problem = Json.parse(response.body());
        assertThat(problem.getJsonArray("errors")).hasSizeLessThanOrEqualTo(Problems.MAX_LISTED_ERRORS);
        assertThat(problem.getString("detail")).contains((5_000 - Problems.MAX_LISTED_ERRORS) + " more");
        assertThat(response.body().length()).isLessThan(8_192);
    }

    @Test
    void webhooks_and_agents_are_unchanged_by_the_junk() {
        HttpResponse<String> webhook = server.get(webhookPath);
        assertThat(Json.parse(webhook.body()).getString("name")).isEqualTo("n");
        assertThat(Json.parse(server.get("/v1/agents").body()).toString()).doesNotContain("again");
    }

    private static RawHttp.Answer send(String method, String path, String contentTypeLine, byte[] body) {
        String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + server.key()
                + "\r\nConnection: close\r\nContent-Length: " + body.length
                + (contentTypeLine == null ? "" : "\r\n" + contentTypeLine);
        return RawHttp.exchange(server.uri("/").getPort(), RawHttp.request(head, body));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
