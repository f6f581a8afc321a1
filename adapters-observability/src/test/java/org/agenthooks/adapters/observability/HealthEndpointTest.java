package org.agenthooks.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Liveness and readiness at Helidon's default paths, without an API key. */
class HealthEndpointTest {
    private final ObservabilityServer server = new ObservabilityServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void ready_while_the_database_answers_with_its_schema_version() {
        HttpResponse<String> ready = server.get("/observe/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body())
                .contains("\"status\":\"UP\"")
                .contains("\"name\":\"database\"")
                .contains("\"schemaVersion\":\"3\"");
    }

    @Test
    void not_ready_while_the_database_does_not_answer_and_ready_again_once_it_does() {
        server.databaseAnswers.set(false);

        HttpResponse<String> down = server.get("/observe/health/ready");
        server.databaseAnswers.set(true);
        HttpResponse<String> upAgain = server.get("/observe/health/ready");

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"DOWN\"");
        assertThat(upAgain.statusCode()).isEqualTo(200);
    }

    @Test
    void alive_even_while_the_database_does_not_answer() {
        server.databaseAnswers.set(false);

        HttpResponse<String> live = server.get("/observe/health/live");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"status\":\"UP\"");
    }
}
