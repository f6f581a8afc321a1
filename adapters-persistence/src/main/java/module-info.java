/** Persistence adapter: the repositories over Helidon DbClient JDBC, on H2 or PostgreSQL, migrated by Flyway. */
module org.agenthooks.adapters.persistence {
    requires org.agenthooks.application;
    requires transitive io.helidon.dbclient;
    requires io.helidon.dbclient.jdbc;
    requires com.zaxxer.hikari;
    requires flyway.core;
    requires java.sql;
    requires com.h2database;

    exports org.agenthooks.adapters.persistence to
            org.agenthooks.bootstrap;
}
