package org.agenthooks.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.jdbc.CloseableJdbcConnectionPool;
import java.sql.Connection;
import java.sql.SQLException;
import org.agenthooks.application.port.out.StorageUnavailableException;

/** Hands Helidon DbClient connections from a Hikari pool (helidon-dbclient-hikari is not available to us). */
final class HikariConnectionPool implements CloseableJdbcConnectionPool {
    private final HikariDataSource dataSource;
    private final String dbType;

    HikariConnectionPool(HikariDataSource dataSource, String dbType) {
        this.dataSource = dataSource;
        this.dbType = dbType;
    }

    @Override
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageUnavailableException("no database connection from pool " + dataSource.getPoolName(), e);
        }
    }

    @Override
    public String dbType() {
        return dbType;
    }

    @Override
    public String name() {
        return dataSource.getPoolName();
    }

    @Override
    public String type() {
        return "hikari";
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
