package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.agenthooks.application.service.SeedDemoWorkspaceService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service as a separate process, configured the way operators do it: by environment variables alone. */
class EnvironmentConfigurationTest {
    private static final String API_KEY = "key_EnvConfig01.env-secret-part-0123456789abcdef";
    private static final String AGENT = SeedDemoWorkspaceService.SECOND_AGENT.value();

    @TempDir
    Path workDir;

    @Test
    void the_retry_schedule_is_one_comma_separated_variable_and_the_one_used() throws Exception {
        Map<String, String> env = Map.of(
                "DB_CONNECTION_URL", "jdbc:h2:file:" + workDir.resolve("webhooks") + ";WRITE_DELAY=0",
                "DEMO_API_KEY", API_KEY,
                "DELIVERY_SCHEDULE", "0s, 1s",
                "DELIVERY_JITTER", "0",
                "DELIVERY_POLL_INTERVAL", "100ms");
        try (TestReceiver receiver = new TestReceiver();
                ServiceProcess service = ServiceProcess.start(workDir, ServiceProcess.freePort(), env)) {
            ServiceClient api = new ServiceClient(service.port, API_KEY);
            api.json("POST", "/v1/webhooks", """
                    {"name":"down","url":"%s","agentId":"%s","events":["conversation_ended"]}""".formatted(receiver.url("/down"), AGENT), 201);
            String eventId =
                    api.json("POST", "/v1/events", """
                    {"type":"conversation_ended","agentId":"%s","data":{}}""".formatted(AGENT), 202).getString("eventId");

            Eventually.within(
                    Duration.ofSeconds(10),
                    () -> assertThat(api.get("/v1/events/" + eventId)
                                    .getJsonArray("deliveries")
                                    .getJsonObject(0)
                                    .getString("status"))
                            .isEqualTo("failed"));
            List<TestReceiver.Received> attempts = receiver.received("/down");
            assertThat(attempts).as("two waits in the schedule, two attempts").hasSize(2);
            assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
                    .as("the configured 1 s, not the default 5 s")
                    .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
        }
    }

    @Test
    void a_malformed_variable_stops_the_service_with_a_message_naming_it() throws Exception {
        ServiceProcess.Exited exited =
                ServiceProcess.runUntilExit(workDir, Map.of("DELIVERY_LEASE", "abc"), Duration.ofSeconds(20));

        assertThat(exited.status()).isEqualTo(1);
        assertThat(exited.log()).contains("delivery.lease (DELIVERY_LEASE): \"abc\" is not a duration");
    }
}
