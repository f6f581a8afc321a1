package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-key rate limits on a real server: small buckets (3 management calls, 2 event posts, 1 a second). */
class RateLimitApiTest {
    private static final int MANAGEMENT_BURST = 3;
    private static final int INGEST_BURST = 2;
    private final ApiTestServer server = new ApiTestServer(
            new RateLimits(new RateLimits.Rate(1, MANAGEMENT_BURST), new RateLimits.Rate(1, INGEST_BURST)));

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> manage(String key) {
        return server.send("GET", "/v1/event-types", key, null, null);
    }

    private HttpResponse<String> ingest(String key) {
        return server.send("POST", "/v1/events", key, "application/json", """
                {"type":"conversation_started","agentId":"%s","data":{}}""".formatted(
                        server.agent.id().value()));
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("(none)");
    }

    @Test
    void every_answer_says_the_limit_and_what_remains_and_the_call_over_it_gets_429_with_retry_after() {
        for (int remaining = MANAGEMENT_BURST - 1; remaining >= 0; remaining--) {
            HttpResponse<String> response = manage(server.key());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(header(response, "RateLimit-Limit")).isEqualTo("3");
            assertThat(header(response, "RateLimit-Remaining")).isEqualTo(Integer.toString(remaining));
            assertThat(Long.parseLong(header(response, "RateLimit-Reset"))).isBetween(1L, 3L);
        }

        HttpResponse<String> refused = manage(server.key());

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(header(refused, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(header(refused, "Retry-After")).isEqualTo("1");
        assertThat(header(refused, "RateLimit-Remaining")).isEqualTo("0");
        assertThat(Json.parse(refused.body()).getString("title")).isEqualTo("Too Many Requests");
        assertThat(Json.parse(refused.body()).getInt("status")).isEqualTo(429);
        assertThat(Json.parse(refused.body()).getString("detail"))
                .isEqualTo("This API key has made too many management calls: at most 3 at once and 1 a second."
                        + " Retry after 1 s.");
    }

    @Test
    void another_key_of_the_same_or_another_workspace_is_unaffected() {
        ApiKeyToken sameWorkspace = ApiKeyToken.issue();
        server.app.keys.add(ApiKey.issuedFor(server.workspaceId(), sameWorkspace, Instant.now()));
        for (int i = 0; i < MANAGEMENT_BURST; i++) {
            manage(server.key());
        }
        assertThat(manage(server.key()).statusCode()).isEqualTo(429);

        for (String other : new String[] {sameWorkspace.reveal(), server.otherKey()}) {
            HttpResponse<String> response = manage(other);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(header(response, "RateLimit-Remaining")).isEqualTo("2");
        }
    }

    @Test
    void event_posts_have_a_bucket_of_their_own() {
        for (int i = 0; i < MANAGEMENT_BURST; i++) {
            manage(server.key());
        }
        assertThat(manage(server.key()).statusCode()).isEqualTo(429);

        HttpResponse<String> first = ingest(server.key());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(header(first, "RateLimit-Limit")).isEqualTo("2");
        assertThat(header(first, "RateLimit-Remaining")).isEqualTo("1");
        assertThat(ingest(server.key()).statusCode()).isEqualTo(202);
        HttpResponse<String> refused = ingest(server.key());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Json.parse(refused.body()).getString("detail")).contains("too many event posts");
    }

    @Test
    void a_refused_key_is_served_again_once_its_bucket_has_refilled() throws InterruptedException {
        for (int i = 0; i < MANAGEMENT_BURST; i++) {
            manage(server.key());
        }
        HttpResponse<String> refused = manage(server.key());
        assertThat(refused.statusCode()).isEqualTo(429);

        Thread.sleep(Duration.ofSeconds(Long.parseLong(header(refused, "Retry-After"))));

        assertThat(manage(server.key()).statusCode()).isEqualTo(200);
    }

    @Test
    void requests_without_a_valid_key_do_not_count_against_the_key_and_carry_no_rate_limit_headers() {
        String wrongSecret = server.key().replaceAll("\\..*", ".") + "x".repeat(40);
        for (int i = 0; i < MANAGEMENT_BURST + 2; i++) {
            HttpResponse<String> response = manage(wrongSecret);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("RateLimit-Limit")).isEmpty();
        }

        HttpResponse<String> genuine = manage(server.key());

        assertThat(genuine.statusCode()).isEqualTo(200);
        assertThat(header(genuine, "RateLimit-Remaining")).isEqualTo("2");
    }

    @Test
    void answers_other_than_success_carry_the_headers_too() {
        HttpResponse<String> notFound =
                server.send("GET", "/v1/webhooks/wh_0000000000000000", server.key(), null, null);

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(header(notFound, "RateLimit-Remaining")).isEqualTo("2");
    }

    @Test
    void a_batch_takes_one_ingest_token_per_event_and_one_over_what_is_left_is_refused_whole() {
        String event = """
                {"type":"conversation_started","agentId":"%s","data":{}}""".formatted(server.agent.id().value());

        HttpResponse<String> two = server.send(
                "POST",
                "/v1/events/batch",
                server.key(),
                "application/json",
                "{\"events\":[" + event + "," + event + "]}");
        HttpResponse<String> more = server.send(
                "POST", "/v1/events/batch", server.key(), "application/json", "{\"events\":[" + event + "]}");

        assertThat(two.statusCode()).isEqualTo(200);
        assertThat(header(two, "RateLimit-Remaining")).isEqualTo("0");
        assertThat(more.statusCode()).isEqualTo(429);
        assertThat(ingest(server.key()).statusCode()).isEqualTo(429);
    }

    @Test
    void a_batch_larger_than_the_tokens_left_is_refused_whole_and_takes_none_of_them() {
        String event = """
                {"type":"conversation_started","agentId":"%s","data":{}}""".formatted(server.agent.id().value());

        HttpResponse<String> three = server.send(
                "POST",
                "/v1/events/batch",
                server.key(),
                "application/json",
                "{\"events\":[" + event + "," + event + "," + event + "]}");

        assertThat(three.statusCode()).isEqualTo(429);
        assertThat(Json.parse(three.body()).getString("detail")).contains("too many event posts");
        // The one token taken on arrival is spent; the two asked for after it were not taken.
        assertThat(ingest(server.key()).statusCode()).isEqualTo(202);
    }
}
