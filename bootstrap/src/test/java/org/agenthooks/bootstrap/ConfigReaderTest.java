package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    private static ConfigReader reading(Map<String, String> values) {
        return new ConfigReader(Config.just(ConfigSources.create(values)));
    }

    @Test
    void a_missing_key_is_refused_by_name_since_there_is_no_fallback() {
        assertThatThrownBy(() -> reading(Map.of()).duration("delivery.lease"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delivery.lease (DELIVERY_LEASE): not set");
    }

    @Test
    void durations_take_a_unit_or_iso_8601() {
        ConfigReader reader = reading(Map.of("a", "200ms", "b", "30d", "c", "PT1M30S", "d", " 5s "));
        assertThat(reader.duration("a")).isEqualTo(Duration.ofMillis(200));
        assertThat(reader.duration("b")).isEqualTo(Duration.ofDays(30));
        assertThat(reader.duration("c")).isEqualTo(Duration.ofSeconds(90));
        assertThat(reader.duration("d")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void it_remembers_every_key_it_was_asked_for_in_order() {
        ConfigReader reader = reading(Map.of("x.one", "1", "x.two-words", "true"));
        reader.positive("x.one");
        reader.bool("x.two-words");
        reader.positive("x.one");

        assertThat(reader.keys()).containsExactly("x.one", "x.two-words");
    }

    @Test
    void the_environment_variable_of_a_key_is_upper_case_with_underscores() {
        assertThat(ConfigReader.environmentVariable("delivery.max-in-flight-per-endpoint"))
                .isEqualTo("DELIVERY_MAX_IN_FLIGHT_PER_ENDPOINT");
    }
}
