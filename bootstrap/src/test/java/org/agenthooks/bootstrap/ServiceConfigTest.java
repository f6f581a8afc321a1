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
}
