package org.agenthooks.adapters.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * An embedded H2 database can be open in one process only, so every lease found in it at start-up is a dead
 * process's: ending them all lets the deliveries it held be attempted at once instead of when their leases run out.
 */
final class LeasesOfTheDead {
    private static final System.Logger LOG = System.getLogger(LeasesOfTheDead.class.getName());

    private LeasesOfTheDead() {}

    /** Embedded H2 (a file or memory), not a server other processes connect to, nor a file shared by auto-server. */
    static boolean onlyThisProcessCanOpen(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        return url.startsWith("jdbc:h2:")
                && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:")
                && !url.replace(" ", "").contains(";auto_server=true");
    }

    static void release(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement update = connection.createStatement()) {
            int released =
                    update.executeUpdate("UPDATE deliveries SET lease_until = NULL WHERE lease_until IS NOT NULL");
            if (released > 0) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "Released {0} leases of a process that ended without handing them back",
                        released);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not release the leases of a dead process: " + e.getMessage(), e);
        }
    }
}
