package org.agenthooks.application.fakes;

import org.agenthooks.application.port.out.contract.Repositories;
import org.agenthooks.application.port.out.contract.WebhookRepositoryContract;

/** Keeps the in-memory webhook repository as honest as the real one. */
class InMemoryWebhookRepositoryTest extends WebhookRepositoryContract {
    @Override
    protected Repositories repositories() {
        return new Repositories(
                new InMemoryWorkspaceRepository(),
                new InMemoryAgentRepository(),
                new InMemoryApiKeyRepository(),
                new InMemoryWebhookRepository());
    }
}
