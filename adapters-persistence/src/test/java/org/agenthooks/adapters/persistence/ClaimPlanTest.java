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
 * A claim reads due deliveries in the order of the {@code deliveries_due} index and stops at its limit, instead of
 * reading and sorting every due one: a dead endpoint's backlog, all due at once when its circuit lets a probe
 * through, would otherwise be read whole (payloads included) on every poll.
 */
class ClaimPlanTest {
    private static final String INSTANT = "TIMESTAMP WITH TIME ZONE '2031-01-01 00:00:00+00'";

    /** The repository's claim with its parameters written in (three instants, then the limit). */
    static String query(String suffix) {
        String query = JdbcDeliveryRepository.DUE + suffix;
        for (String value : List.of(INSTANT, INSTANT, INSTANT, "500")) {
            int parameter = query.indexOf('?');
            query = query.substring(0, parameter) + value + query.substring(parameter + 1);
        }
        assertThat(query).doesNotContain("?");
        return query;
    }

    @Nested
    class OnH2 {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.h2();

        @Test
        void a_claim_reads_the_due_index_in_its_order_and_sorts_nothing() {
            // H2 says "index sorted" when the index's order serves the ORDER BY, so the LIMIT ends the read.
            assertThat(plan(DATABASE, "", query("")))
                    .contains("public.deliveries_due: status = 'pending'")
                    .contains("/* index sorted */");
        }
    }

    @Nested
    class OnPostgreSql {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.postgresql();

        @Test
        void a_claim_reads_the_due_index_in_its_order_and_sorts_nothing() {
            // With sequential scans priced out the planner reads the partial index; any Sort (or Incremental
            // Sort) node above it would mean every due row is read before the limit applies.
            assertThat(plan(DATABASE, "SET LOCAL enable_seqscan = off", query(" FOR UPDATE OF d SKIP LOCKED")))
                    .contains("index scan using deliveries_due")
                    .doesNotContain("sort");
        }
    }

    private static String plan(TestDatabase database, String setting, String query) {
        return database.database().inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                if (!setting.isEmpty()) {
                    statement.execute(setting);
                }
                List<String> lines = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
                return String.join("\n", lines).toLowerCase(Locale.ROOT);
            }
        });
    }
}
