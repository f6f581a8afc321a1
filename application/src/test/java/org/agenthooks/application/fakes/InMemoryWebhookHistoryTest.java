package org.agenthooks.application.fakes;

import org.agenthooks.application.port.out.WebhookHistory;
import org.agenthooks.application.port.out.contract.EventAndDeliveryRepositories;
import org.agenthooks.application.port.out.contract.Repositories;
import org.agenthooks.application.port.out.contract.WebhookHistoryContract;

/** Keeps the in-memory webhook history as honest as the real one. */
class InMemoryWebhookHistoryTest extends WebhookHistoryContract {
    private InMemoryTables tables;

    @Override
    protected EventAndDeliveryRepositories ports() {
        InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
        tables = new InMemoryTables(webhooks);
        return new EventAndDeliveryRepositories(
                new Repositories(
                        new InMemoryWorkspaceRepository(),
                        new InMemoryAgentRepository(),
                        new InMemoryApiKeyRepository(),
                        webhooks),
                new InMemoryEventRepository(tables),
                new InMemoryDeliveryRepository(tables));
    }

    @Override
    protected WebhookHistory history() {
        return new InMemoryWebhookHistory(tables);
    }
}
