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

class DeleteWebhookServiceTest {
    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    private final DeleteWebhookService service = new DeleteWebhookService(webhooks);
    private Webhook registered;

    @BeforeEach
    void a_webhook_is_registered() {
        agents.add(agent(AGENT, WORKSPACE));
        registered = new RegisterWebhookService(webhooks, agents, Fixtures.ANY_DESTINATION, new TestClock(START))
                .register(registration());
    }

    @Test
    void a_deleted_webhook_is_gone() {
        service.delete(WORKSPACE, registered.id());

        assertThat(webhooks.find(WORKSPACE, registered.id())).isEmpty();
    }

    @Test
    void deleting_it_twice_finds_nothing_the_second_time() {
        service.delete(WORKSPACE, registered.id());

        assertNotFound("webhook", registered.id().value(), () -> service.delete(WORKSPACE, registered.id()));
    }

    @Test
    void another_workspace_cannot_delete_it() {
        assertNotFound("webhook", registered.id().value(), () -> service.delete(OTHER_WORKSPACE, registered.id()));

        assertThat(webhooks.find(WORKSPACE, registered.id())).contains(registered);
    }

    @Test
    void deleting_an_unknown_webhook_is_not_found() {
        WebhookId unknown = WebhookId.random();

        assertNotFound("webhook", unknown.value(), () -> service.delete(WORKSPACE, unknown));
    }

    @Test
    void deleting_one_webhook_leaves_the_others() {
        Webhook other = new RegisterWebhookService(webhooks, agents, Fixtures.ANY_DESTINATION, new TestClock(START))
                .register(registration());

        service.delete(WORKSPACE, registered.id());

        assertThat(webhooks.find(WORKSPACE, other.id())).contains(other);
    }
}
