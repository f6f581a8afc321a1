package org.agenthooks.bootstrap;

import java.time.Duration;
import org.agenthooks.adapters.persistence.Database;
import org.agenthooks.adapters.persistence.JdbcAgentRepository;
import org.agenthooks.adapters.persistence.JdbcApiKeyRepository;
import org.agenthooks.adapters.persistence.JdbcDeliveryRepository;
import org.agenthooks.adapters.persistence.JdbcEventRepository;
import org.agenthooks.adapters.persistence.JdbcWebhookRepository;
import org.agenthooks.adapters.persistence.JdbcWorkspaceRepository;
import org.agenthooks.adapters.persistence.SecretSealer;
import org.agenthooks.application.port.out.EngineMetrics;

/**
 * Every persistence adapter, over one database, webhook secrets sealed by {@code sealer}. Close {@link #events()}
 * before the database.
 */
record Repositories(
        JdbcWorkspaceRepository workspaces,
        JdbcAgentRepository agents,
        JdbcApiKeyRepository keys,
        JdbcWebhookRepository webhooks,
        JdbcEventRepository events,
        JdbcDeliveryRepository deliveries) {
    /**
     * With the outbox's group commits reported to {@code metrics}, and deliveries held for their conversation's
     * order for at most {@code orderHold}.
     */
    static Repositories on(Database database, SecretSealer sealer, EngineMetrics metrics, Duration orderHold) {
        return new Repositories(
                new JdbcWorkspaceRepository(database.client()),
                new JdbcAgentRepository(database.client()),
                new JdbcApiKeyRepository(database.client()),
                new JdbcWebhookRepository(database.client(), sealer),
                new JdbcEventRepository(database, metrics),
                new JdbcDeliveryRepository(database, sealer, orderHold));
    }
}
