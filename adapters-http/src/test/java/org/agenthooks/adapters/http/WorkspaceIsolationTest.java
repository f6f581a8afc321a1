package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.webhook.WebhookId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With workspace A's key, every id of workspace B, on every route that takes one, is answered exactly as an id that
 * does not exist (404); A's lists never show B's things, and B's things are unchanged afterwards.
 */
class WorkspaceIsolationTest {
    private static final ApiTestServer server = new ApiTestServer();
    /** B's ids by placeholder, and ids of the same kinds that name nothing. */
    private static Map<String, String> theirs;

    private static Map<String, String> nobodys;
    private static Map<String, String> theirsBefore;

    /** A route with an id of B's in its path: the method, the path template and the body it is sent. */
    record Route(String method, String template, String body) {
        String path(Map<String, String> ids) {
            String path = template;
            for (Map.Entry<String, String> id : ids.entrySet()) {
                path = path.replace(id.getKey(), id.getValue());
            }
            return path;
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    static Stream<Route> routes() {
        String definition = "{\"name\":\"Hijacked\",\"url\":\"https://attacker.example/h\",\"agentId\":\""
                + server.agent.id().value() + "\",\"events\":[\"conversation_started\"]}";
        return Stream.of(
                new Route("GET", "/v1/webhooks/{webhook}", null),
                new Route("PATCH", "/v1/webhooks/{webhook}", "{\"active\":false}"),
                new Route("PUT", "/v1/webhooks/{webhook}", definition),
                new Route("DELETE", "/v1/webhooks/{webhook}", null),
                new Route("POST", "/v1/webhooks/{webhook}/test", null),
                new Route("POST", "/v1/webhooks/{webhook}/secret/rotate", null),
                new Route("POST", "/v1/webhooks/{webhook}/secret/rotate", "{\"gracePeriodSeconds\":0}"),
                new Route("GET", "/v1/webhooks/{webhook}/stats", null),
                new Route("GET", "/v1/webhooks/{webhook}/deliveries", null),
                new Route(
                        "POST",
                        "/v1/webhooks/{webhook}/replay",
                        "{\"since\":\"2000-01-01T00:00:00Z\",\"until\":\"2100-01-01T00:00:00Z\"}"),
                new Route("GET", "/v1/webhooks/{webhook}/events", null),
                new Route(
                        "POST",
                        "/v1/webhooks/{webhook}/signature-check",
                        "{\"headers\":{\"webhook-id\":\"evt_x\",\"webhook-timestamp\":\"1\","
                                + "\"webhook-signature\":\"v1,x\"},\"body\":\"{}\"}"),
                new Route("GET", "/v1/agents/{agent}", null),
                new Route("GET", "/v1/events/{event}", null),
                new Route("GET", "/v1/deliveries/{delivery}", null),
                new Route("POST", "/v1/deliveries/{delivery}/redeliver", null));
    }

    @BeforeAll
    static void giveWorkspaceBAWebhookAnEventAndADelivery() {
        String agent = server.otherAgent.id().value();
        HttpResponse<String> webhook = theirs("POST", "/v1/webhooks", """
                {"name":"Theirs","url":"https://b.example/h","agentId":"%s","events":["conversation_started"]}""".formatted(agent));
        String webhookId = Json.parse(webhook.body()).getString("webhookId");
        HttpResponse<String> event = theirs("POST", "/v1/events", """
                {"type":"conversation_started","agentId":"%s","conversationId":"c1","data":{}}""".formatted(agent));
        String eventId = Json.parse(event.body()).getString("eventId");
        String deliveryId = Json.parse(
                        theirs("GET", "/v1/events/" + eventId, null).body())
                .getJsonArray("deliveries")
                .getJsonObject(0)
                .getString("deliveryId");
        theirs = Map.of("{webhook}", webhookId, "{agent}", agent, "{event}", eventId, "{delivery}", deliveryId);
        nobodys = Map.of(
                "{webhook}", WebhookId.random().value(),
                "{agent}", AgentId.random().value(),
                "{event}", EventId.random().value(),
                "{delivery}", DeliveryId.random().value());
        assertThat(new AgentId(nobodys.get("{agent}"))).isNotEqualTo(server.otherAgent.id());
        theirsBefore = snapshotOfB();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void another_workspace_s_id_is_answered_as_one_that_does_not_exist(Route route) {
        HttpResponse<String> foreign = ours(route.method(), route.path(theirs), route.body());
        HttpResponse<String> missing = ours(route.method(), route.path(nobodys), route.body());

        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(404);
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
        assertThat(withoutIds(foreign.body(), theirs)).isEqualTo(withoutIds(missing.body(), nobodys));
        assertThat(snapshotOfB()).isEqualTo(theirsBefore);
    }

    @Test
    void our_lists_never_show_theirs() {
        for (String list : List.of(
                "/v1/webhooks", "/v1/webhooks?agentId=" + theirs.get("{agent}"), "/v1/agents", "/v1/event-types")) {
            HttpResponse<String> response = ours("GET", list, null);
            assertThat(response.statusCode()).as(list).isIn(200, 400, 404);
            theirs.values().forEach(id -> assertThat(response.body()).as(list).doesNotContain(id));
        }
    }

    @Test
    void an_event_for_their_agent_is_refused_as_for_an_agent_that_does_not_exist() {
        String body = "{\"type\":\"conversation_started\",\"agentId\":\"%s\",\"conversationId\":\"c1\",\"data\":{}}";
        HttpResponse<String> foreign = ours("POST", "/v1/events", body.formatted(theirs.get("{agent}")));
        HttpResponse<String> missing = ours("POST", "/v1/events", body.formatted(nobodys.get("{agent}")));

        assertThat(foreign.statusCode()).isEqualTo(missing.statusCode()).isBetween(400, 499);
        assertThat(withoutIds(foreign.body(), theirs)).isEqualTo(withoutIds(missing.body(), nobodys));
        assertThat(snapshotOfB()).isEqualTo(theirsBefore);
    }

    /** Everything B can see of its own things, through its own key. */
    private static Map<String, String> snapshotOfB() {
        return Map.of(
                "webhook",
                        theirs("GET", "/v1/webhooks/" + theirs.get("{webhook}"), null)
                                .body(),
                "webhooks", theirs("GET", "/v1/webhooks", null).body(),
                "agents", theirs("GET", "/v1/agents", null).body(),
                "event",
                        theirs("GET", "/v1/events/" + theirs.get("{event}"), null)
                                .body(),
                "delivery",
                        theirs("GET", "/v1/deliveries/" + theirs.get("{delivery}"), null)
                                .body());
    }

    private static String withoutIds(String body, Map<String, String> ids) {
        String text = body;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            text = text.replace(id.getValue(), id.getKey());
        }
        return text;
    }

    private static HttpResponse<String> ours(String method, String path, String body) {
        return server.send(method, path, server.key(), body == null ? null : "application/json", body);
    }

    private static HttpResponse<String> theirs(String method, String path, String body) {
        return server.send(method, path, server.otherKey(), body == null ? null : "application/json", body);
    }
}
