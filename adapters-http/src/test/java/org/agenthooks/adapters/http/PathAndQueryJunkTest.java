package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Junk in the path and the query, sent byte for byte over a socket: 400 or 404 problems (414 for a request line
 * over the server's limit), never a 2xx or 5xx.
 */
class PathAndQueryJunkTest {
    private static final ApiTestServer server = new ApiTestServer();
    private static final List<String> JUNK_IDS = List.of(
            "..%2Fx",
            "../x",
            "%2e%2e%2fx",
            "x".repeat(10_000),
            "wh_" + "A".repeat(10_000),
            "%00",
            "wh_000000000000000%00",
            "%27%20OR%201=1",
            "'%20OR%201=1--",
            "%ZZ",
            "%C3%28",
            "%ED%A0%80",
            "%F0%9F%98%80",
            "%20",
            "%0D%0AX-Injected:%20yes");
    private static String webhookPath;
    private static String theirCursor;
    private static String otherListCursor;
    private static String deliveriesCursor;

    @BeforeAll
    static void createTwoWebhooksInEachWorkspace() {
        for (int i = 0; i < 2; i++) {
            webhookPath = "/v1/webhooks/"
                    + Json.parse(server.json(
                                            "POST",
                                            "/v1/webhooks",
                                            body(server.agent.id().value()))
                                    .body())
                            .getString("webhookId");
            server.send(
                    "POST",
                    "/v1/webhooks",
                    server.otherKey(),
                    "application/json",
                    body(server.otherAgent.id().value()));
        }
        takeCursorsFromOtherListings();
    }

    /** Cursors from the other workspace's webhooks, from ours, and from our webhook's deliveries. */
    static void takeCursorsFromOtherListings() {
        for (int i = 0; i < 2; i++) {
            server.json("POST", webhookPath + "/test", null);
        }
        deliveriesCursor = Json.parse(
                        server.get(webhookPath + "/deliveries?limit=1").body())
                .getString("nextCursor");
        theirCursor = Json.parse(server.send("GET", "/v1/webhooks?limit=1", server.otherKey(), null, null)
                        .body())
                .getString("nextCursor");
        otherListCursor = Json.parse(server.get("/v1/webhooks?limit=1").body()).getString("nextCursor");
    }

    private static String body(String agent) {
        return "{\"name\":\"n\",\"url\":\"https://example.com/h\",\"agentId\":\"" + agent
                + "\",\"events\":[\"conversation_started\"]}";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<String> junkPaths() {
        List<String> paths = new ArrayList<>();
        for (String id : JUNK_IDS) {
            for (String template : List.of(
                    "GET /v1/webhooks/%s",
                    "DELETE /v1/webhooks/%s",
                    "POST /v1/webhooks/%s/test",
                    "GET /v1/webhooks/%s/deliveries",
                    "GET /v1/webhooks/%s/stats",
                    "GET /v1/agents/%s",
                    "GET /v1/events/%s",
                    "GET /v1/deliveries/%s",
                    "POST /v1/deliveries/%s/redeliver")) {
                paths.add(template.formatted(id));
            }
        }
        return paths.stream();
    }

    static Stream<String> junkQueries() {
        List<String> queries = new ArrayList<>();
        for (String list : List.of("/v1/webhooks", "/v1/agents", "WEBHOOK/deliveries")) {
            for (String query : List.of(
                    "limit=0",
                    "limit=-1",
                    "limit=101",
                    "limit=abc",
                    "limit=",
                    "limit=99999999999999999999",
                    "limit=1%00",
                    "cursor=",
                    "cursor=abc",
                    "cursor=%00",
                    "cursor=" + "A".repeat(10_000),
                    "cursor=%27%20OR%201=1",
                    "cursor=OTk5OTk5OTk5OTk5OTk5OTk5OTk6eA",
                    "cursor=MTox",
                    "cursor=MTox.AAAAAAAAAAAAAAAA",
                    "cursor=THEIRS",
                    "cursor=OTHER_LIST")) {
                queries.add("GET " + list + "?" + query);
            }
        }
        for (String query : List.of("active=maybe", "event=nope", "agentId=%00", "agentId=" + "a".repeat(10_000))) {
            queries.add("GET /v1/webhooks?" + query);
        }
        for (String query : List.of("status=nope", "status=%00")) {
            queries.add("GET WEBHOOK/deliveries?" + query);
        }
        for (String query : List.of("since=yesterday", "bucket=century", "since=%00")) {
            queries.add("GET WEBHOOK/stats?" + query);
        }
        return queries.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("junkPaths")
    void junk_ids_are_not_found(String request) {
        RawHttp.Answer answer = send(request);

        assertThat(answer.status()).as(answer.text()).isIn(400, 404, 414);
        assertProblem(answer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("junkQueries")
    void junk_queries_are_refused(String request) {
        RawHttp.Answer answer = send(request);

        assertThat(answer.status()).as(answer.text()).isIn(400, 414);
        assertProblem(answer);
    }

    private static void assertProblem(RawHttp.Answer answer) {
        assertThat(answer.text()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(Json.parse(answer.body()).getInt("status")).isEqualTo(answer.status());
        assertThat(answer.body().length()).isLessThan(2_000);
        assertThat(answer.text().substring(0, answer.text().indexOf("\r\n\r\n")))
                .doesNotContainIgnoringCase("X-Injected");
    }

    private static RawHttp.Answer send(String request) {
        String line = request.replace("WEBHOOK", webhookPath)
                .replace("THEIRS", theirCursor)
                .replace("OTHER_LIST", request.contains("/deliveries") ? otherListCursor : deliveriesCursor);
        String head = line + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + server.key() + "\r\nConnection: close";
        return RawHttp.exchange(server.uri("/").getPort(), RawHttp.request(head, new byte[0]));
    }
}
