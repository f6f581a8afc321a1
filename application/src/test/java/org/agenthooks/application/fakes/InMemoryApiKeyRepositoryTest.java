package org.agenthooks.application.fakes;

import org.agenthooks.application.port.out.contract.ApiKeyRepositoryContract;
import org.agenthooks.application.port.out.contract.Repositories;

/** Keeps the in-memory API key repository as honest as the real one. */
class InMemoryApiKeyRepositoryTest extends ApiKeyRepositoryContract {
    @Override
    protected Repositories repositories() {
        return new Repositories(
                new InMemoryWorkspaceRepository(),
                new InMemoryAgentRepository(),
                new InMemoryApiKeyRepository(),
                new InMemoryWebhookRepository());
    }
}
