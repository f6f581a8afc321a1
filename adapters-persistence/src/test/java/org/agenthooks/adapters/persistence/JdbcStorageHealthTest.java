package org.agenthooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The readiness probe's view of the database: it answers while open, not once its pool is gone. */
class JdbcStorageHealthTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Nested
    class OnH2 {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.h2();

        @Test
        void an_open_database_answers_and_tells_its_migrated_schema_version() {
            JdbcStorageHealth health = new JdbcStorageHealth(DATABASE.database());

            assertThat(health.answers(TIMEOUT)).isTrue();
            assertThat(health.schemaVersion()).matches("\\d+(\\.\\d+)*");
        }
    }

    @Nested
    class OnPostgreSql {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.postgresql();

        @Test
        void an_open_database_answers_and_tells_its_migrated_schema_version() {
            JdbcStorageHealth health = new JdbcStorageHealth(DATABASE.database());

            assertThat(health.answers(TIMEOUT)).isTrue();
            assertThat(health.schemaVersion()).matches("\\d+(\\.\\d+)*");
        }
    }

    @Test
    void a_closed_database_does_not_answer_and_says_so_without_throwing() throws Exception {
        Path directory = Files.createTempDirectory("webhooks-health-");
        Database database =
                Database.open(new DatabaseSettings("jdbc:h2:file:" + directory.resolve("webhooks"), "sa", "", 2));
        JdbcStorageHealth health = new JdbcStorageHealth(database);
        assertThat(health.answers(TIMEOUT)).isTrue();

        database.close();

        assertThat(health.answers(TIMEOUT)).isFalse();
    }
}
