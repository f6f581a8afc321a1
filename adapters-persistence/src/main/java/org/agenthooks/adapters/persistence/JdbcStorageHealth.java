package org.agenthooks.adapters.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.agenthooks.application.port.out.StorageHealth;

/**
 * Whether the database answers: a connection from the pool that the driver finds valid, within a deadline. The
 * check runs on a virtual thread of its own, so a database that hangs (rather than refuses) costs the caller no more
 * than the deadline; the schema was migrated before a {@link Database} exists at all.
 */
public final class JdbcStorageHealth implements StorageHealth {
    private static final System.Logger LOG = System.getLogger(JdbcStorageHealth.class.getName());

    private final Database database;

    public JdbcStorageHealth(Database database) {
        this.database = database;
    }

    @Override
    public boolean answers(Duration timeout) {
        CompletableFuture<Boolean> check = new CompletableFuture<>();
        Thread.ofVirtual().name("storage-health").start(() -> check.complete(validConnection(timeout)));
        try {
            return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            check.cancel(true);
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean validConnection(Duration timeout) {
        try (Connection connection = database.connection()) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "the database did not answer a health check", e);
            return false;
        }
    }

    @Override
    public String schemaVersion() {
        return database.schemaVersion();
    }
}
