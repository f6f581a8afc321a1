package org.agenthooks.adapters.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The database server's time, for lease times that every instance compares: instances whose own clocks drift apart
 * still agree when a lease runs out. Reading the server's time on every call would cost a round trip, so the
 * offset of the server's clock from this machine's is measured at start and every {@link #REMEASURE} (the
 * midpoint of a round trip, so off by at most half of one), and applied to this machine's clock. A measurement
 * that fails keeps the last offset.
 */
public final class DatabaseClock extends Clock implements AutoCloseable {
    static final Duration REMEASURE = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(DatabaseClock.class.getName());

    private final Database database;
    private final Clock local;
    private final Thread remeasuring;
    private volatile Duration offset;

    private DatabaseClock(Database database, Clock local) {
        this.database = database;
        this.local = local;
        this.offset = measure();
        this.remeasuring = Thread.ofPlatform().name("database-clock").daemon().start(this::remeasure);
    }

    /** The database's time applied to {@code local}; fails if the database cannot be reached now. */
    public static DatabaseClock of(Database database, Clock local) {
        return new DatabaseClock(database, local);
    }

    /** How far the database's clock is ahead of this machine's (negative: behind), as last measured. */
    public Duration offset() {
        return offset;
    }

    @Override
    public Instant instant() {
        return local.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return local.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(local.withZone(zone), offset);
    }

    private Duration measure() {
        try (Connection connection = database.connection();
                Statement statement = connection.createStatement()) {
            String now = database.dialect() == Dialect.POSTGRESQL
                    ? "SELECT clock_timestamp()"
                    : "SELECT CURRENT_TIMESTAMP(6)";
            Instant before = local.instant();
            Instant server;
            try (ResultSet rows = statement.executeQuery(now)) {
                rows.next();
                server = SqlTime.toInstant(rows.getObject(1));
            }
            Instant after = local.instant();
            Instant midpoint = before.plus(Duration.between(before, after).dividedBy(2));
            return Duration.between(midpoint, server);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the database's clock: " + e.getMessage(), e);
        }
    }

    private void remeasure() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(REMEASURE);
                offset = measure();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Could not measure the database's clock; keeping the last offset",
                        e);
            }
        }
    }

    @Override
    public void close() {
        remeasuring.interrupt();
    }
}
