package org.agenthooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path directory;

    @Test
    void an_h2_file_opened_again_keeps_its_rows_and_is_not_migrated_twice() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:h2:file:" + directory.resolve("webhooks"), "sa", "", 2);
        Workspace workspace = new Workspace(WorkspaceId.random(), "Survivor", Instant.parse("2025-03-01T10:00:00Z"));
        try (Database database = Database.open(settings)) {
            new JdbcWorkspaceRepository(database.client()).add(workspace);
        }

        try (Database reopened = Database.open(settings)) {
            assertThat(new JdbcWorkspaceRepository(reopened.client()).find(workspace.id()))
                    .contains(workspace);
        }
    }

    @Test
    void h2_gets_our_defaults_unless_the_url_names_them_and_postgresql_urls_stay_as_given() {
        assertThat(Database.jdbcUrl("jdbc:h2:file:./data/webhooks;WRITE_DELAY=0"))
                .isEqualTo("jdbc:h2:file:./data/webhooks;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;PAGE_SIZE=16384");
        assertThat(Database.jdbcUrl("jdbc:h2:mem:x;page_size=4096;DB_CLOSE_ON_EXIT=TRUE"))
                .isEqualTo("jdbc:h2:mem:x;page_size=4096;DB_CLOSE_ON_EXIT=TRUE");
        assertThat(Database.jdbcUrl("jdbc:postgresql://127.0.0.1:5432/webhooks"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/webhooks");
    }

    @Test
    void postgresql_connections_send_batched_inserts_as_multi_row_statements_and_h2_ones_are_left_alone() {
        assertThat(Database.poolConfig(
                                new DatabaseSettings("jdbc:postgresql://127.0.0.1:5432/webhooks", "postgres", "", 2))
                        .getDataSourceProperties())
                .containsEntry("reWriteBatchedInserts", "true");
        assertThat(Database.poolConfig(new DatabaseSettings("jdbc:h2:mem:x", "sa", "", 2))
                        .getDataSourceProperties())
                .isEmpty();
    }

    @Test
    void a_database_other_than_h2_or_postgresql_is_refused() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:mysql://localhost/webhooks", "root", "", 2);

        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql:");
    }

    @Test
    void settings_never_show_the_password() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:h2:mem:x", "sa", "hunter2", 2);

        assertThat(settings.toString()).doesNotContain("hunter2").contains("jdbc:h2:mem:x");
    }
}
