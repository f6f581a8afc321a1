package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/configuration.md's table and the keys the service reads stay one list, with application.yaml's defaults. */
class ConfigurationReferenceTest {
    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");

    private record Row(String key, String variable, String defaultValue) {}

    private static List<Row> rows;

    @BeforeAll
    static void readTheTable() throws IOException {
        rows = Files.readAllLines(REFERENCE).stream()
                .filter(line -> line.startsWith("| `"))
                .map(line -> Arrays.stream(line.split("\\|"))
                        .skip(1)
                        .map(ConfigurationReferenceTest::unquoted)
                        .toList())
                .map(cells -> new Row(cells.get(0), cells.get(1), cells.get(2)))
                .toList();
    }

    private static String unquoted(String cell) {
        String text = cell.strip();
        return text.startsWith("`") && text.endsWith("`") ? text.substring(1, text.length() - 1) : text;
    }

    @Test
    void the_table_lists_exactly_the_keys_the_service_reads() {
        assertThat(rows)
                .extracting(Row::key)
                .containsExactlyInAnyOrderElementsOf(
                        ServiceConfig.load(Map.of()).keys());
    }

    @Test
    void each_row_names_the_key_s_environment_variable() {
        assertThat(rows)
                .allSatisfy(row -> assertThat(row.variable())
                        .as(row.key())
                        .isEqualTo(ConfigReader.environmentVariable(row.key())));
    }

    @Test
    void each_default_is_the_one_in_application_yaml() {
        Config defaults = Config.just(ConfigSources.classpath("application.yaml"));
        assertThat(rows).allSatisfy(row -> {
            String documented = row.defaultValue().equals("\"\"") ? "" : row.defaultValue();
            assertThat(documented)
                    .as(row.key())
                    .isEqualTo(defaults.get(row.key()).asString().orElse(null));
        });
    }
}
