package org.agenthooks.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.jdbc.CloseableJdbcConnectionPool;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import org.agenthooks.application.port.out.StorageUnavailableException;

/**
 * Hands Helidon DbClient connections from a Hikari pool (helidon-dbclient-hikari is not available to us). A lost
 * connection reads as {@link StorageUnavailableException} (answered 503) whether it fails when taken from the pool
 * or under a statement: a pooled connection that the server ended (PostgreSQL restarting: {@code 57P01}) fails
 * only when used, and DbClient wraps that failure in its own exception with the driver's as the cause.
 */
final class HikariConnectionPool implements CloseableJdbcConnectionPool {
    private final HikariDataSource dataSource;
    private final String dbType;

    HikariConnectionPool(HikariDataSource dataSource, String dbType) {
        this.dataSource = dataSource;
        this.dbType = dbType;
    }

    @Override
    public Connection connection() {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageUnavailableException("no database connection from pool " + dataSource.getPoolName(), e);
        }
        return (Connection) translatingFailures(Connection.class, connection);
    }

    /**
     * {@code target} behind a proxy that rethrows a connection failure as an {@link SQLException} (what the JDBC
     * methods may throw) caused by a {@link StorageUnavailableException}; statements it makes are proxied alike.
     */
    private static Object translatingFailures(Class<?> type, Object target) {
        return Proxy.newProxyInstance(
                HikariConnectionPool.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof SQLException failure && Database.isConnectionFailure(failure)) {
                            throw new SQLTransientConnectionException(
                                    failure.getMessage(),
                                    failure.getSQLState(),
                                    new StorageUnavailableException(
                                            "the database connection was lost: " + failure.getMessage(), failure));
                        }
                        throw e.getCause();
                    }
                    Class<?> returned = method.getReturnType();
                    if (result != null && returned.isInterface() && Statement.class.isAssignableFrom(returned)) {
                        return translatingFailures(returned, result);
                    }
                    return result;
                });
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
