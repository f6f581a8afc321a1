package org.agenthooks.application.fakes;

import org.agenthooks.application.port.out.DeliveryBacklog;
import org.agenthooks.application.port.out.contract.DeliveryBacklogContract;
import org.agenthooks.application.port.out.contract.EventAndDeliveryRepositories;
import org.agenthooks.application.port.out.contract.Repositories;

/** Keeps the in-memory backlog as honest as the real one. */
class InMemoryDeliveryBacklogTest extends DeliveryBacklogContract {
    @Override
    protected EventAndDeliveryRepositories ports() {
        InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
        InMemoryTables tables = new InMemoryTables(webhooks);
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
    protected DeliveryBacklog backlogOf(EventAndDeliveryRepositories ports) {
        return (InMemoryDeliveryRepository) ports.deliveries();
    }
}
