package org.agenthooks.application.fakes;

import org.agenthooks.application.port.out.contract.Repositories;
import org.agenthooks.application.port.out.contract.WorkspaceRepositoryContract;

/** Keeps the in-memory workspace repository as honest as the real one. */
class InMemoryWorkspaceRepositoryTest extends WorkspaceRepositoryContract {
    @Override
    protected Repositories repositories() {
        return new Repositories(
                new InMemoryWorkspaceRepository(),
                new InMemoryAgentRepository(),
                new InMemoryApiKeyRepository(),
                new InMemoryWebhookRepository());
    }
}
