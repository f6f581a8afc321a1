package org.agenthooks.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With Helidon's own configuration, a second socket named {@code admin} and {@code features.observe.sockets} naming
 * it, the observe endpoints move off the API's port.
 */
class AdminSocketTest {
    private final ObservabilityServer server = new ObservabilityServer(Map.of(
            "server.sockets.0.name", "admin",
            "server.sockets.0.port", "0",
            "server.sockets.0.host", "127.0.0.1",
            "server.features.observe.sockets.0", "admin"));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void the_observe_endpoints_answer_on_the_admin_socket_and_not_beside_the_api() {
        int admin = server.server.port("admin");

        assertThat(admin).isNotEqualTo(server.port());
        assertThat(server.get(admin, "/observe/health/ready").statusCode()).isEqualTo(200);
        assertThat(server.get(admin, "/observe/metrics").statusCode()).isEqualTo(200);
        assertThat(server.get("/observe/health/ready").statusCode()).isEqualTo(404);
        assertThat(server.get("/observe/metrics").statusCode()).isEqualTo(404);
        assertThat(server.get("/v1/things/th_1").statusCode()).isEqualTo(200);
    }
}
