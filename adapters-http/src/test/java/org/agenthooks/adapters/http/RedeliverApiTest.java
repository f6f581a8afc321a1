package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/deliveries/{deliveryId}/redeliver}. */
class RedeliverApiTest {
    private static final ApiTestServer server = new ApiTestServer();

    @AfterAll
    static void stop() {
        server.close();
    }

    private Delivery attemptedDelivery() throws InterruptedException {
        HttpResponse<String> created = server.json(
                "POST", "/v1/webhooks", """
                {"name":"Redeliver","url":"https://redeliver.example.com/hooks","agentId":"%s",
                 "events":["conversation_ended"]}""".formatted(server.agent.id().value()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> sent = server.json(
                "POST", "/v1/events", """
                {"type":"conversation_ended","agentId":"%s","data":{}}""".formatted(server.agent.id().value()));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        JsonObject event =
                Json.parse(server.get("/v1/events/" + Json.parse(sent.body()).getString("eventId"))
                        .body());
        DeliveryId id =
                new DeliveryId(event.getJsonArray("deliveries").getJsonObject(0).getString("deliveryId"));
        for (int i = 0; i < 100 && status(id) != DeliveryStatus.SUCCEEDED; i++) {
            Thread.sleep(20); // the fake sender answers 200 at once; the attempt is stored just after
        }
        assertThat(status(id)).isEqualTo(DeliveryStatus.SUCCEEDED);
        return server.app.deliveries.find(server.workspaceId(), id).orElseThrow();
    }

    private static DeliveryStatus status(DeliveryId id) {
        return server.app
                .deliveries
                .find(server.workspaceId(), id)
                .orElseThrow()
                .status();
    }

    @Test
    void a_delivery_whose_attempt_is_under_way_elsewhere_is_not_sent_again_but_answered_409()
            throws InterruptedException {
        Delivery delivery = attemptedDelivery();
        int sent = server.app.sender.requests().size();
        Instant now = Instant.now();
        // Another instance redelivered it and holds its lease while its attempt runs.
        server.app.deliveries.requeue(delivery.redeliver(now), now, now.plus(Duration.ofMinutes(1)));

        HttpResponse<String> response =
                server.json("POST", "/v1/deliveries/" + delivery.id().value() + "/redeliver", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = Json.parse(response.body());
        assertThat(problem.getInt("status")).isEqualTo(409);
        assertThat(problem.getString("title")).isEqualTo("Conflict");
        assertThat(problem.getString("detail")).contains("under way");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        Thread.sleep(200);
        assertThat(server.app.sender.requests()).hasSize(sent);
    }
}
