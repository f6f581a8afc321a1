package org.agenthooks.application.fakes;

import org.agenthooks.application.port.out.contract.OutboxContract;
import org.agenthooks.application.port.out.contract.OutboxPorts;
import org.agenthooks.application.port.out.contract.Repositories;

/** Keeps the in-memory outbox as honest as the real one. */
class InMemoryOutboxTest extends OutboxContract {
    @Override
    protected OutboxPorts outbox() {
        InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
        InMemoryTables tables = new InMemoryTables(webhooks);
        return new OutboxPorts(new Repositories(new InMemoryWorkspaceRepository(), new InMemoryAgentRepository(),
                new InMemoryApiKeyRepository(), webhooks), new InMemoryEventRepository(tables),
                new InMemoryDeliveryRepository(tables));
    }
}
