package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness follows the database: PostgreSQL (a cluster of the test's own) stopped turns
 * {@code /observe/health/ready} DOWN within seconds while the process stays alive, and started again turns it UP.
 */
class ReadinessOutageTest {
    private static final String API_KEY = "key_Readiness01.readiness-outage-secret-0123456789";
    /** Readiness waits 2 s for the database by default; "within seconds" leaves it a few of those. */
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(10);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path workDir;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(ServiceProcess service, String path) {
        try {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    @Test
    void readiness_is_down_while_postgresql_is_stopped_and_up_again_once_it_is_back() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start();
                ServiceProcess service = ServiceProcess.start(
                        workDir,
                        ServiceProcess.freePort(),
                        Map.of(
                                "DB_CONNECTION_URL",
                                cluster.url(),
                                "DB_CONNECTION_USERNAME",
                                "postgres",
                                "DEMO_API_KEY",
                                API_KEY))) {
            HttpResponse<String> before = get(service, "/observe/health/ready");
            assertThat(before.statusCode()).isEqualTo(200);
            assertThat(before.body()).contains("\"status\":\"UP\"");

            cluster.stopServer();

            Eventually.within(WITHIN_SECONDS, () -> {
                HttpResponse<String> down = get(service, "/observe/health/ready");
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).contains("\"status\":\"DOWN\"");
            });
            assertThat(get(service, "/observe/health/live").statusCode())
                    .as("alive: a database outage is no reason to restart the process")
                    .isEqualTo(200);

            cluster.startServer();

            Eventually.within(WITHIN_SECONDS, () -> {
                HttpResponse<String> up = get(service, "/observe/health/ready");
                assertThat(up.statusCode()).isEqualTo(200);
                assertThat(up.body()).contains("\"status\":\"UP\"");
            });
        }
    }
}
