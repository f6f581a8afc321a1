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
 * A backlog postponement's chunk finds its rows through the {@code deliveries_due} index and updates them by key,
 * so each chunk reads about what it moves, not the whole remaining backlog again.
 */
class BacklogPlanTest {
    private static final String INSTANT = "TIMESTAMP WITH TIME ZONE '2031-01-01 00:00:00+00'";

    /** The chunk's update for one webhook with its parameters written in. */
    static String query(Dialect dialect) {
        String query = JdbcDeliveryRepository.postponeBacklog(1, dialect);
        for (String value : List.of(INSTANT, "'wh_0123456789abcdef'", INSTANT, INSTANT, "1000", INSTANT)) {
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
        void a_chunk_selects_through_the_due_index_and_updates_by_key() {
            String plan = plan(DATABASE, query(Dialect.H2));
            assertThat(plan.substring(0, plan.indexOf("set")))
                    .as("the update's own rows by key")
                    .contains("public.primary_key_");
            assertThat(plan).contains("public.deliveries_due: next_attempt_at <");
        }
    }

    @Nested
    class OnPostgreSql {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.postgresql();

        @Test
        void a_chunk_selects_through_the_due_index_skipping_locked_rows() {
            assertThat(plan(DATABASE, query(Dialect.POSTGRESQL)))
                    .contains("lockrows")
                    .contains("index scan using deliveries_due");
        }
    }

    private static String plan(TestDatabase database, String query) {
        return database.database().inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
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
