package org.agenthooks.bootstrap;

import org.agenthooks.adapters.persistence.Database;
import org.agenthooks.adapters.persistence.JdbcAgentRepository;
import org.agenthooks.adapters.persistence.JdbcApiKeyRepository;
import org.agenthooks.adapters.persistence.JdbcOutbox;
import org.agenthooks.adapters.persistence.JdbcWebhookRepository;
import org.agenthooks.adapters.persistence.JdbcWorkspaceRepository;

/** Every persistence adapter, over one database. */
record Repositories(JdbcWorkspaceRepository workspaces, JdbcAgentRepository agents, JdbcApiKeyRepository keys,
                    JdbcWebhookRepository webhooks, JdbcOutbox outbox) {
    static Repositories on(Database database) {
        return new Repositories(new JdbcWorkspaceRepository(database.client()),
                new JdbcAgentRepository(database.client()), new JdbcApiKeyRepository(database.client()),
                new JdbcWebhookRepository(database.client()), new JdbcOutbox(database));
    }
}
