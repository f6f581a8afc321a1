package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service that cannot start says why in one line and exits non-zero; its libraries log as it does. */
class StartupFailureTest {
    @TempDir
    Path workDir;

    @Test
    void an_unreachable_database_stops_the_start_with_one_clear_line() throws Exception {
        ServiceProcess.Exited exited = ServiceProcess.runUntilExit(
                workDir, Map.of("DB_CONNECTION_URL", "jdbc:postgresql://127.0.0.1:1/nowhere"), Duration.ofSeconds(60));

        assertThat(exited.status()).isEqualTo(1);
        assertThat(exited.log())
                .containsOnlyOnce("Could not start: ")
                .contains("127.0.0.1:1")
                .doesNotContain("\tat ");
        // Without a binding SLF4J warns here and drops every HikariCP and Flyway message.
        assertThat(exited.log()).doesNotContain("SLF4J");
    }

    @Test
    void a_healthy_start_logs_no_slf4j_warning() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(workDir, ServiceProcess.freePort(), Map.of())) {
            assertThat(service.log()).contains("Agent webhooks listening on").doesNotContain("SLF4J");
        }
    }

    @Test
    void a_start_that_fails_at_its_last_step_stops_the_threads_its_earlier_steps_started() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> settings = new HashMap<>(EndToEndTest.testSettings(workDir));
            settings.put("server.port", Integer.toString(taken.getLocalPort()));
            settings.put("server.host", "127.0.0.1");

            assertThatThrownBy(() -> Application.start(ServiceConfig.load(settings)))
                    .isInstanceOf(RuntimeException.class);
        }

        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .doesNotContain("outbox-committer", "delivery-poller", "attempt-recorder", "outbox-retention");
    }
}
