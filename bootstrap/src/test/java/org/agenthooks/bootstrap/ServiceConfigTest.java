package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

    @Test
    void the_retention_is_thirty_days_checked_hourly_unless_set_and_takes_days_as_a_unit() {
        ServiceConfig defaults = ServiceConfig.load(Map.of());
        assertThat(defaults.retentionPeriod()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.retentionInterval()).isEqualTo(Duration.ofHours(1));

        ServiceConfig set = ServiceConfig.load(Map.of("retention.period", "90d", "retention.interval", "PT15M"));
        assertThat(set.retentionPeriod()).isEqualTo(Duration.ofDays(90));
        assertThat(set.retentionInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(ServiceConfig.parseDuration("2d")).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void a_retention_under_a_day_stops_the_service_before_it_opens_its_database() throws Exception {
        Path dataDir = Files.createTempDirectory("short-retention");
        Map<String, String> settings = new HashMap<>(EndToEndTest.testSettings(dataDir));
        settings.put("retention.period", "12h");

        assertThatThrownBy(() -> Application.start(ServiceConfig.load(settings)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention.period (RETENTION_PERIOD): the retention period must be at least PT24H");
        try (var files = Files.list(dataDir)) {
            assertThat(files).as("no database file was made").isEmpty();
        }
    }

    @Test
    void the_web_server_takes_any_helidon_server_setting_from_the_configuration() throws Exception {
        Path dataDir = Files.createTempDirectory("server-settings");
        Map<String, String> settings = new HashMap<>(EndToEndTest.testSettings(dataDir));
        settings.put("server.host", "127.0.0.1");
        settings.put("server.max-payload-size", "64");

        try (Application application = Application.start(ServiceConfig.load(settings))) {
            ServiceClient api = new ServiceClient(application.port(), EndToEndTest.API_KEY);
            String event = """
                    {"type":"conversation_ended","agentId":"%s","data":{"padding":"%s"}}"""
                    .formatted(EndToEndTest.DOCS_AGENT, "x".repeat(100));
            assertThat(api.send("POST", "/v1/events", event).statusCode())
                    .as("refused by Helidon's limit, far below api.max-body-bytes").isEqualTo(413);
        }
    }
}
