package org.agenthooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hourly count of a webhook's deliveries is answered from the index on (webhook_id, workspace_id, created_at)
 * of V2__outbox.sql, so it needs no index of its own: each database's plan for the very query the repository runs
 * enters that index by the webhook and the time span instead of scanning every delivery.
 */
class DeliveryCountPlanTest {
    /** The repository's query with its parameters written in, so EXPLAIN can plan it as it is. */
    static final String QUERY = DeliveryLog.COUNT_BY_HOUR
            .replace(":webhookId", "'wh_0000000000000000'")
            .replace(":workspaceId", "'org_0000000000000000'")
            .replace(":since", "TIMESTAMP WITH TIME ZONE '2031-01-01 00:00:00+00'")
            .replace(":until", "TIMESTAMP WITH TIME ZONE '2031-01-02 00:00:00+00'");

    @Nested
    class OnH2 {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.h2();

        @Test
        void the_hourly_count_reads_the_webhooks_index() {
            // H2 names the index it reads, and the conditions it reads it by, in a comment after the table.
            assertThat(plan(DATABASE, ""))
                    .containsPattern("deliveries_newest_first: [^*]*webhook_id = ")
                    .containsPattern("deliveries_newest_first: [^*]*created_at >= ");
        }
    }

    @Nested
    class OnPostgreSql {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.postgresql();

        @Test
        void the_hourly_count_reads_the_webhooks_index() {
            // With sequential scans priced out, the planner still scans the table if no index can serve the query.
            // With sequential scans priced out the planner still picks one if no index fits; and an index that
            // fits is entered by the webhook and the time span (its Index Cond), not read from end to end.
            assertThat(plan(DATABASE, "SET LOCAL enable_seqscan = off"))
                    .contains("index scan using deliveries_newest_first")
                    .containsPattern("index cond: [^\\n]*webhook_id[^\\n]*created_at >= ")
                    .doesNotContain("seq scan");
        }
    }

    private static String plan(TestDatabase database, String setting) {
        return database.database().inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                if (!setting.isEmpty()) {
                    statement.execute(setting);
                }
                List<String> lines = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("EXPLAIN " + QUERY)) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
                return String.join("\n", lines).toLowerCase(Locale.ROOT);
            }
        });
    }
}
