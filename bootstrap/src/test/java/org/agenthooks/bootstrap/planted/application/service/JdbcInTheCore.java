package org.agenthooks.bootstrap.planted.application.service;

import java.sql.Connection;
import org.agenthooks.bootstrap.planted.application.port.WebhookStore;

/** Planted violation: a use case that talks JDBC itself. */
public class JdbcInTheCore {
    private final WebhookStore store;
    private final Connection connection;

    public JdbcInTheCore(WebhookStore store, Connection connection) {
        this.store = store;
        this.connection = connection;
    }

    public void register(String webhook) throws java.sql.SQLException {
        connection.commit();
        store.save(webhook);
    }
}
