package org.agenthooks.application.fakes;

import org.agenthooks.application.port.out.contract.DeliveryRepositoryContract;
import org.agenthooks.application.port.out.contract.EventAndDeliveryRepositories;
import org.agenthooks.application.port.out.contract.Repositories;

/** Keeps the in-memory delivery repository as honest as the real one. */
class InMemoryDeliveryRepositoryTest extends DeliveryRepositoryContract {
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
