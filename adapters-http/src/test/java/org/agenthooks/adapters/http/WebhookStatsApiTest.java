package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/webhooks/{webhookId}/stats}: a webhook's deliveries per hour and status. */
class WebhookStatsApiTest {
    private static final ApiTestServer server = new ApiTestServer();

    @AfterAll
    static void stop() {
        server.close();
    }

    private String webhook() {
        HttpResponse<String> created = server.json(
                "POST", "/v1/webhooks", """
                {"name":"Stats","url":"https://stats.example.com/hooks","agentId":"%s",
                 "events":["conversation_ended"]}""".formatted(server.agent.id().value()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return "/v1/webhooks/" + Json.parse(created.body()).getString("webhookId");
    }

    private JsonObject stats(String path) {
        HttpResponse<String> response = server.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return Json.parse(response.body());
    }

    @Test
    void by_default_the_last_24_hours_come_hour_by_hour_with_their_totals() throws InterruptedException {
        String webhook = webhook();
        assertThat(server.json("POST", webhook + "/test", null).statusCode()).isEqualTo(202);
        JsonObject body = stats(webhook + "/stats");
        for (int i = 0; i < 100 && body.getJsonObject("totals").getInt("succeeded") == 0; i++) {
            Thread.sleep(20); // the fake sender answers 200 at once; the attempt is stored just after
            body = stats(webhook + "/stats");
        }

        Instant thisHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        assertThat(body.getString("webhookId")).isEqualTo(webhook.substring("/v1/webhooks/".length()));
        assertThat(body.getString("bucket")).isEqualTo("1h");
        assertThat(Instant.parse(body.getString("until"))).isIn(thisHour.plus(Duration.ofHours(1)), thisHour);
        JsonArray buckets = body.getJsonArray("buckets");
        assertThat(buckets).hasSize(24);
        assertThat(buckets.getJsonObject(0).getString("start")).isEqualTo(body.getString("since"));
        assertThat(body.getJsonObject("totals")).isEqualTo(Json.parse("{\"pending\":0,\"succeeded\":1,\"failed\":0}"));
        JsonObject last = buckets.getJsonObject(23);
        assertThat(last.getInt("succeeded")).isEqualTo(1);
        assertThat(last.keySet()).containsExactlyInAnyOrder("start", "pending", "succeeded", "failed");
    }

    @Test
    void since_chooses_the_first_hour_and_bucket_can_only_be_1h() {
        String webhook = webhook();
        Instant threeHoursAgo = Instant.now().minus(Duration.ofHours(3));

        JsonObject body = stats(webhook + "/stats?bucket=1h&since=" + threeHoursAgo);

        assertThat(body.getString("since"))
                .isEqualTo(threeHoursAgo.truncatedTo(ChronoUnit.HOURS).toString());
        assertThat(body.getJsonArray("buckets")).hasSizeBetween(4, 5); // 5 if the hour turned meanwhile
    }

    @Test
    void a_bad_since_or_bucket_is_a_field_error() {
        String webhook = webhook();

        assertFieldError(webhook + "/stats?since=yesterday", "since");
        assertFieldError(webhook + "/stats?since=" + Instant.now().plus(Duration.ofHours(2)), "since");
        assertFieldError(webhook + "/stats?since=" + Instant.now().minus(Duration.ofDays(8)), "since");
        assertFieldError(webhook + "/stats?bucket=1d", "bucket");
    }

    @Test
    void another_workspaces_webhook_is_not_found() {
        String webhook = webhook();

        HttpResponse<String> response = server.send("GET", webhook + "/stats", server.otherKey(), null, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(server.get("/v1/webhooks/wh_0000000000000000/stats").statusCode())
                .isEqualTo(404);
    }

    private static void assertFieldError(String path, String field) {
        HttpResponse<String> response = server.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(Json.parse(response.body())
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo(field);
    }
}
