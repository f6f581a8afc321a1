package org.agenthooks.application.fakes;

import org.agenthooks.application.port.out.contract.EventAndDeliveryRepositories;
import org.agenthooks.application.port.out.contract.EventRepositoryContract;
import org.agenthooks.application.port.out.contract.Repositories;

/** Keeps the in-memory event repository as honest as the real one. */
class InMemoryEventRepositoryTest extends EventRepositoryContract {
    @Override
    protected EventAndDeliveryRepositories ports() {
        InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
        InMemoryTables tables = new InMemoryTables(webhooks, EventAndDeliveryRepositories.ORDER_HOLD);
        return new EventAndDeliveryRepositories(
                new Repositories(
                        new InMemoryWorkspaceRepository(),
                        new InMemoryAgentRepository(),
                        new InMemoryApiKeyRepository(),
                        webhooks),
                new InMemoryEventRepository(tables),
                new InMemoryDeliveryRepository(tables));
    }
}
