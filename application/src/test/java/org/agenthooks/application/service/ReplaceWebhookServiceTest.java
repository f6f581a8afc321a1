package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.GIVEN_SECRET;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACES_AGENT;
import static org.agenthooks.application.testing.Fixtures.SECOND_AGENT;
import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.agent;
import static org.agenthooks.application.testing.Fixtures.assertNotFound;
import static org.agenthooks.application.testing.Fixtures.assertRejected;
import static org.agenthooks.application.testing.Fixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.agenthooks.application.fakes.InMemoryAgentRepository;
import org.agenthooks.application.fakes.InMemoryWebhookRepository;
import org.agenthooks.application.port.in.ReplaceWebhookCommand;
import org.agenthooks.application.testing.Fixtures;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplaceWebhookServiceTest {
    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    private final TestClock clock = new TestClock(START);
    private final ReplaceWebhookService service =
            new ReplaceWebhookService(webhooks, agents, Fixtures.ANY_DESTINATION, clock);
    private Webhook original;

    @BeforeEach
    void a_webhook_was_registered_a_while_ago() {
        agents.add(agent(AGENT, WORKSPACE));
        agents.add(agent(SECOND_AGENT, WORKSPACE));
        agents.add(agent(OTHER_WORKSPACES_AGENT, OTHER_WORKSPACE));
        original = new RegisterWebhookService(webhooks, agents, Fixtures.ANY_DESTINATION, clock)
                .register(registration(AGENT, Optional.of(GIVEN_SECRET)));
        clock.advance(Duration.ofHours(1));
    }

    private static ReplaceWebhookCommand replacement(
            WorkspaceId workspaceId, WebhookId id, AgentId agentId, Optional<Secret> secret) {
        return new ReplaceWebhookCommand(
                workspaceId,
                id,
                new WebhookName("Replaced"),
                new WebhookUrl("https://replaced.example.com/hook"),
                agentId,
                secret,
                Subscriptions.of(EventType.CONVERSATION_ANALYSED),
                false);
    }

    private ReplaceWebhookCommand replacement(Optional<Secret> secret) {
        return replacement(WORKSPACE, original.id(), SECOND_AGENT, secret);
    }

    private Webhook stored() {
        return webhooks.find(WORKSPACE, original.id()).orElseThrow();
    }

    @Test
    void every_field_takes_the_new_definition() {
        Webhook replaced = service.replace(replacement(Optional.of(Secret.of("another-secret-1"))));

        assertThat(replaced.name()).isEqualTo(new WebhookName("Replaced"));
        assertThat(replaced.url()).isEqualTo(new WebhookUrl("https://replaced.example.com/hook"));
        assertThat(replaced.agentId()).isEqualTo(SECOND_AGENT);
        assertThat(replaced.secret()).isEqualTo(Secret.of("another-secret-1"));
        assertThat(replaced.events()).isEqualTo(Subscriptions.of(EventType.CONVERSATION_ANALYSED));
        assertThat(replaced.active()).isFalse();
        assertThat(stored()).isEqualTo(replaced);
    }

    @Test
    void it_keeps_its_id_and_creation_time_and_is_updated_now() {
        Webhook replaced = service.replace(replacement(Optional.empty()));

        assertThat(replaced.id()).isEqualTo(original.id());
        assertThat(replaced.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(replaced.createdAt()).isEqualTo(START);
        assertThat(replaced.updatedAt()).isEqualTo(START.plus(Duration.ofHours(1)));
    }

    @Test
    void the_secret_stays_when_none_is_given() {
        Webhook replaced = service.replace(replacement(Optional.empty()));

        assertThat(replaced.secret()).isEqualTo(GIVEN_SECRET);
        assertThat(stored().secret()).isEqualTo(GIVEN_SECRET);
    }

    @Test
    void an_agent_of_another_workspace_is_refused_and_nothing_changes() {
        assertRejected(
                "agentId",
                () -> service.replace(replacement(WORKSPACE, original.id(), OTHER_WORKSPACES_AGENT, Optional.empty())));

        assertThat(stored()).isEqualTo(original);
    }

    @Test
    void a_missing_webhook_is_not_found() {
        WebhookId unknown = WebhookId.random();

        assertNotFound(
                "webhook",
                unknown.value(),
                () -> service.replace(replacement(WORKSPACE, unknown, AGENT, Optional.empty())));
    }

    @Test
    void another_workspaces_webhook_is_not_found_and_stays_as_it_was() {
        assertNotFound(
                "webhook",
                original.id().value(),
                () -> service.replace(
                        replacement(OTHER_WORKSPACE, original.id(), OTHER_WORKSPACES_AGENT, Optional.empty())));

        assertThat(stored()).isEqualTo(original);
    }
}
