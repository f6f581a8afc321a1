package org.agenthooks.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Plain JDBC batches of one statement run once per id. */
final class Batches {
    private Batches() {}

    /** Runs {@code sql}, whose one parameter is an id, once for each of {@code ids} in one batch. */
    static int[] executeForEach(Connection connection, String sql, List<String> ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (String id : ids) {
                statement.setString(1, id);
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }
}
