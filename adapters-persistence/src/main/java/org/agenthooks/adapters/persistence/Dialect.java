package org.agenthooks.adapters.persistence;

import java.util.Arrays;

/** The databases this adapter speaks, told apart by their JDBC URL; each has its own migrations. */
enum Dialect {
    H2("jdbc:h2:", "classpath:db/migration/h2"),
    POSTGRESQL("jdbc:postgresql:", "classpath:db/migration/postgresql");

    private final String urlPrefix;
    private final String migrations;

    Dialect(String urlPrefix, String migrations) {
        this.urlPrefix = urlPrefix;
        this.migrations = migrations;
    }

    static Dialect of(String jdbcUrl) {
        return Arrays.stream(values())
                .filter(dialect -> jdbcUrl.startsWith(dialect.urlPrefix))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unsupported database URL (expected jdbc:h2: or jdbc:postgresql:): " + jdbcUrl));
    }

    /** The Flyway location of this dialect's migrations. */
    String migrations() {
        return migrations;
    }

    /** The name Helidon DbClient reports as the database type, e.g. {@code jdbc:h2}. */
    String dbType() {
        return urlPrefix.substring(0, urlPrefix.length() - 1);
    }
}
