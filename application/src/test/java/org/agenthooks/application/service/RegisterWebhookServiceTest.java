package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.GIVEN_SECRET;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACES_AGENT;
import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.agent;
import static org.agenthooks.application.testing.Fixtures.assertRejected;
import static org.agenthooks.application.testing.Fixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.agenthooks.application.fakes.InMemoryAgentRepository;
import org.agenthooks.application.fakes.InMemoryWebhookRepository;
import org.agenthooks.application.port.in.RegisterWebhookCommand;
import org.agenthooks.application.port.query.ListWebhooksQuery;
import org.agenthooks.application.port.query.PageLimit;
import org.agenthooks.application.testing.Fixtures;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegisterWebhookServiceTest {
    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    private final TestClock clock = new TestClock(START);
    private final RegisterWebhookService service =
            new RegisterWebhookService(webhooks, agents, Fixtures.ANY_DESTINATION, clock);

    @BeforeEach
    void agents_exist() {
        agents.add(agent(AGENT, WORKSPACE));
        agents.add(agent(OTHER_WORKSPACES_AGENT, OTHER_WORKSPACE));
    }

    private long storedCount() {
        return webhooks.list(new ListWebhooksQuery(
                        WORKSPACE,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        PageLimit.DEFAULT,
                        Optional.empty()))
                .items()
                .size();
    }

    @Test
    void a_webhook_for_an_agent_of_the_workspace_is_stored_as_given() {
        Webhook registered = service.register(registration(AGENT, Optional.of(GIVEN_SECRET)));

        assertThat(webhooks.find(WORKSPACE, registered.id())).contains(registered);
        assertThat(registered.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(registered.name()).isEqualTo(new WebhookName("CRM sync"));
        assertThat(registered.url()).isEqualTo(new WebhookUrl("https://crm.example.com/hooks"));
        assertThat(registered.agentId()).isEqualTo(AGENT);
        assertThat(registered.events())
                .isEqualTo(Subscriptions.of(EventType.CONVERSATION_STARTED, EventType.CONVERSATION_ENDED));
        assertThat(registered.active()).isTrue();
    }

    @Test
    void it_is_created_and_updated_now_by_the_clock() {
        Webhook registered = service.register(registration());

        assertThat(registered.createdAt()).isEqualTo(START);
        assertThat(registered.updatedAt()).isEqualTo(START);
    }

    @Test
    void its_times_are_cut_to_microseconds() {
        TestClock nanoClock = new TestClock(Instant.parse("2025-03-01T10:00:00.123456789Z"));

        Webhook registered = new RegisterWebhookService(webhooks, agents, Fixtures.ANY_DESTINATION, nanoClock)
                .register(registration());

        assertThat(registered.createdAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00.123456Z"));
    }

    @Test
    void an_agent_of_another_workspace_is_refused_as_invalid_agent_id_and_nothing_is_stored() {
        assertRejected("agentId", () -> service.register(registration(OTHER_WORKSPACES_AGENT, Optional.empty())));

        assertThat(storedCount()).isZero();
    }

    @Test
    void an_unknown_agent_is_refused_as_invalid_agent_id() {
        assertRejected("agentId", () -> service.register(registration(new AgentId("noSuchAgent"), Optional.empty())));

        assertThat(storedCount()).isZero();
    }

    @Test
    void a_secret_is_generated_when_none_is_given() {
        Webhook registered = service.register(registration(AGENT, Optional.empty()));

        assertThat(registered.secret().reveal()).startsWith("whsec_");
        assertThat(registered.secret().signingKey()).hasSize(32);
        assertThat(webhooks.find(WORKSPACE, registered.id()).orElseThrow().secret())
                .isEqualTo(registered.secret());
    }

    @Test
    void every_registration_gets_its_own_generated_secret_and_id() {
        Webhook one = service.register(registration());
        Webhook two = service.register(registration());

        assertThat(one.secret()).isNotEqualTo(two.secret());
        assertThat(one.id()).isNotEqualTo(two.id());
        assertThat(storedCount()).isEqualTo(2);
    }

    @Test
    void a_given_secret_is_kept() {
        Secret raw = Secret.of("my-own-raw-secret");

        Webhook registered = service.register(registration(AGENT, Optional.of(raw)));

        assertThat(registered.secret()).isEqualTo(raw);
        assertThat(webhooks.find(WORKSPACE, registered.id())
                        .orElseThrow()
                        .secret()
                        .reveal())
                .isEqualTo("my-own-raw-secret");
    }

    @Test
    void a_webhook_may_be_registered_paused() {
        RegisterWebhookCommand paused = new RegisterWebhookCommand(
                WORKSPACE,
                new WebhookName("Later"),
                new WebhookUrl("https://crm.example.com/later"),
                AGENT,
                Optional.empty(),
                Subscriptions.of(EventType.CONVERSATION_ANALYSED),
                false);

        Webhook registered = service.register(paused);

        assertThat(registered.active()).isFalse();
        assertThat(registered.wants(AGENT, EventType.CONVERSATION_ANALYSED)).isFalse();
    }

    @Test
    void a_registered_webhook_is_not_visible_from_another_workspace() {
        Webhook registered = service.register(registration());

        assertThat(webhooks.find(OTHER_WORKSPACE, registered.id())).isEmpty();
    }

    @Test
    void a_url_the_destination_policy_refuses_is_rejected_and_nothing_is_stored() {
        RegisterWebhookService strict = new RegisterWebhookService(
                webhooks,
                agents,
                url -> {
                    throw InvalidInputException.of("url", "refused");
                },
                clock);

        assertRejected("url", () -> strict.register(registration()));
        assertThat(webhooks.list(new ListWebhooksQuery(
                                WORKSPACE,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                PageLimit.DEFAULT,
                                Optional.empty()))
                        .items())
                .isEmpty();
    }
}
