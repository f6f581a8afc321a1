package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.domain.event.TraceParent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code traceparent} of POST /v1/events reaches the deliveries; a bad one is ignored, never refused. */
class TraceParentApiTest {
    private static final String INCOMING = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final ApiTestServer server = new ApiTestServer();

    @BeforeAll
    static void webhook() {
        HttpResponse<String> created = server.json(
                "POST", "/v1/webhooks", """
                {"name":"Traced","url":"https://receiver.example.com/traced","agentId":"%s",
                 "events":["conversation_ended"]}""".formatted(server.agent.id().value()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_events_traceparent_names_the_trace_its_delivery_carries() throws Exception {
        String eventId = sendEvent(List.of(INCOMING));

        TraceParent sent = TraceParent.parse(awaitDelivery(eventId).headers().get(TraceParent.HEADER))
                .orElseThrow();

        assertThat(sent.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(sent.parentId()).isNotEqualTo("00f067aa0ba902b7");
    }

    @Test
    void a_malformed_traceparent_is_ignored_and_the_delivery_carries_a_trace_of_its_own() throws Exception {
        String eventId = sendEvent(List.of("00-00000000000000000000000000000000-00f067aa0ba902b7-01"));

        TraceParent sent = TraceParent.parse(awaitDelivery(eventId).headers().get(TraceParent.HEADER))
                .orElseThrow();

        assertThat(sent.traceId()).isNotEqualTo("0".repeat(32));
    }

    @Test
    void two_traceparent_headers_are_ignored_as_w3c_asks() throws Exception {
        String eventId = sendEvent(List.of(INCOMING, INCOMING));

        TraceParent sent = TraceParent.parse(awaitDelivery(eventId).headers().get(TraceParent.HEADER))
                .orElseThrow();

        assertThat(sent.traceId()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void every_event_of_a_batch_continues_the_requests_trace() throws Exception {
        String item = """
                {"type":"conversation_ended","agentId":"%s","data":{}}""".formatted(server.agent.id().value());
        HttpResponse<String> sent = server.send(HttpRequest.newBuilder(server.uri("/v1/events/batch"))
                .header("X-API-Key", server.key())
                .header("Content-Type", "application/json")
                .header(TraceParent.HEADER, INCOMING)
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + item + "," + item + "]}"))
                .build());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        for (var result : Json.parse(sent.body()).getJsonArray("results")) {
            String eventId = result.asJsonObject().getString("eventId");
            TraceParent carried = TraceParent.parse(
                            awaitDelivery(eventId).headers().get(TraceParent.HEADER))
                    .orElseThrow();
            assertThat(carried.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        }
    }

    private static String sendEvent(List<String> traceParents) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/v1/events"))
                .header("X-API-Key", server.key())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        """
                        {"type":"conversation_ended","agentId":"%s","data":{}}""".formatted(server.agent.id().value())));
        traceParents.forEach(value -> request.header(TraceParent.HEADER, value));
        HttpResponse<String> sent = server.send(request.build());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return Json.parse(sent.body()).getString("eventId");
    }

    private static OutboundRequest awaitDelivery(String eventId) throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            var sent = server.app.sender.requests().stream()
                    .filter(request -> eventId.equals(request.headers().get("webhook-id")))
                    .findFirst();
            if (sent.isPresent()) {
                return sent.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no delivery of " + eventId);
    }
}
