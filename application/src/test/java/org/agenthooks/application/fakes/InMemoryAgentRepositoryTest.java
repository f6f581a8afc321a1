package org.agenthooks.application.fakes;

import org.agenthooks.application.port.out.contract.AgentRepositoryContract;
import org.agenthooks.application.port.out.contract.Repositories;

/** Keeps the in-memory agent repository as honest as the real one. */
class InMemoryAgentRepositoryTest extends AgentRepositoryContract {
    @Override
    protected Repositories repositories() {
        return new Repositories(
                new InMemoryWorkspaceRepository(),
                new InMemoryAgentRepository(),
                new InMemoryApiKeyRepository(),
                new InMemoryWebhookRepository());
    }
}
