package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.agent;
import static org.agenthooks.application.testing.Fixtures.assertNotFound;
import static org.agenthooks.application.testing.Fixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import org.agenthooks.application.fakes.InMemoryAgentRepository;
import org.agenthooks.application.fakes.InMemoryWebhookRepository;
import org.agenthooks.application.testing.Fixtures;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetWebhookServiceTest {
    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    private final GetWebhookService service = new GetWebhookService(webhooks);
    private Webhook registered;

    @BeforeEach
    void a_webhook_is_registered() {
        agents.add(agent(AGENT, WORKSPACE));
        registered = new RegisterWebhookService(webhooks, agents, Fixtures.ANY_DESTINATION, new TestClock(START))
                .register(registration());
    }

    @Test
    void a_webhook_of_the_workspace_is_read_back_whole() {
        assertThat(service.get(WORKSPACE, registered.id())).isEqualTo(registered);
    }

    @Test
    void another_workspaces_webhook_is_not_found() {
        assertNotFound("webhook", registered.id().value(), () -> service.get(OTHER_WORKSPACE, registered.id()));
    }

    @Test
    void an_unknown_webhook_is_not_found() {
        WebhookId unknown = WebhookId.random();

        assertNotFound("webhook", unknown.value(), () -> service.get(WORKSPACE, unknown));
    }
}
