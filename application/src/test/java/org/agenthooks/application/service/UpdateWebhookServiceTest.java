package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.AGENT;
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
import java.time.Instant;
import java.util.Optional;
import org.agenthooks.application.fakes.InMemoryAgentRepository;
import org.agenthooks.application.fakes.InMemoryWebhookRepository;
import org.agenthooks.application.port.in.UpdateWebhookCommand;
import org.agenthooks.application.testing.Fixtures;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Ordering;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpdateWebhookServiceTest {
    private static final Instant LATER = START.plus(Duration.ofMinutes(5));

    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    private final TestClock clock = new TestClock(START);
    private final UpdateWebhookService service =
            new UpdateWebhookService(webhooks, agents, Fixtures.ANY_DESTINATION, clock);
    private Webhook original;

    @BeforeEach
    void a_webhook_was_registered_a_while_ago() {
        agents.add(agent(AGENT, WORKSPACE));
        agents.add(agent(SECOND_AGENT, WORKSPACE));
        agents.add(agent(OTHER_WORKSPACES_AGENT, OTHER_WORKSPACE));
        original =
                new RegisterWebhookService(webhooks, agents, Fixtures.ANY_DESTINATION, clock).register(registration());
        clock.advance(Duration.ofMinutes(5));
    }

    private UpdateWebhookCommand change() {
        return change(WORKSPACE, original.id());
    }

    private static UpdateWebhookCommand change(WorkspaceId workspaceId, WebhookId webhookId) {
        return new UpdateWebhookCommand(
                workspaceId,
                webhookId,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void a_webhook_is_ordered_by_conversation_until_a_change_opts_it_out_and_the_rest_stays() {
        UpdateWebhookCommand c = change();
        UpdateWebhookCommand optOut = new UpdateWebhookCommand(
                c.workspaceId(),
                c.webhookId(),
                c.name(),
                c.url(),
                c.agentId(),
                c.secret(),
                c.events(),
                c.active(),
                Optional.of(Ordering.NONE));

        Webhook changed = service.update(optOut);

        assertThat(original.ordering()).isEqualTo(Ordering.CONVERSATION);
        assertThat(changed.ordering()).isEqualTo(Ordering.NONE);
        assertThat(changed.name()).isEqualTo(original.name());
        assertThat(changed.updatedAt()).isEqualTo(LATER);
        assertThat(webhooks.find(WORKSPACE, original.id()).orElseThrow().ordering())
                .isEqualTo(Ordering.NONE);
        assertThat(service.update(change()).ordering()).isEqualTo(Ordering.NONE);
    }

    private static UpdateWebhookCommand withName(UpdateWebhookCommand c, String name) {
        return new UpdateWebhookCommand(
                c.workspaceId(),
                c.webhookId(),
                Optional.of(new WebhookName(name)),
                c.url(),
                c.agentId(),
                c.secret(),
                c.events(),
                c.active());
    }

    private static UpdateWebhookCommand withUrl(UpdateWebhookCommand c, String url) {
        return new UpdateWebhookCommand(
                c.workspaceId(),
                c.webhookId(),
                c.name(),
                Optional.of(new WebhookUrl(url)),
                c.agentId(),
                c.secret(),
                c.events(),
                c.active());
    }

    private static UpdateWebhookCommand withAgent(UpdateWebhookCommand c, AgentId agentId) {
        return new UpdateWebhookCommand(
                c.workspaceId(),
                c.webhookId(),
                c.name(),
                c.url(),
                Optional.of(agentId),
                c.secret(),
                c.events(),
                c.active());
    }

    private static UpdateWebhookCommand withSecret(UpdateWebhookCommand c, Secret secret) {
        return new UpdateWebhookCommand(
                c.workspaceId(),
                c.webhookId(),
                c.name(),
                c.url(),
                c.agentId(),
                Optional.of(secret),
                c.events(),
                c.active());
    }

    private static UpdateWebhookCommand withEvents(UpdateWebhookCommand c, EventType... types) {
        return new UpdateWebhookCommand(
                c.workspaceId(),
                c.webhookId(),
                c.name(),
                c.url(),
                c.agentId(),
                c.secret(),
                Optional.of(Subscriptions.of(types)),
                c.active());
    }

    private static UpdateWebhookCommand withActive(UpdateWebhookCommand c, boolean active) {
        return new UpdateWebhookCommand(
                c.workspaceId(),
                c.webhookId(),
                c.name(),
                c.url(),
                c.agentId(),
                c.secret(),
                c.events(),
                Optional.of(active));
    }

    private Webhook stored() {
        return webhooks.find(WORKSPACE, original.id()).orElseThrow();
    }

    private void assertKeptIdentityAndMovedOn(Webhook updated) {
        assertThat(updated.id()).isEqualTo(original.id());
        assertThat(updated.createdAt()).isEqualTo(START);
        assertThat(updated.updatedAt()).isEqualTo(LATER);
        assertThat(stored()).isEqualTo(updated);
    }

    @Test
    void a_new_name_renames_it_and_leaves_the_rest() {
        Webhook updated = service.update(withName(change(), "Billing"));

        assertKeptIdentityAndMovedOn(updated);
        assertThat(updated.name()).isEqualTo(new WebhookName("Billing"));
        assertThat(updated.url()).isEqualTo(original.url());
        assertThat(updated.agentId()).isEqualTo(original.agentId());
        assertThat(updated.secret()).isEqualTo(original.secret());
        assertThat(updated.events()).isEqualTo(original.events());
        assertThat(updated.active()).isTrue();
    }

    @Test
    void a_new_url_moves_it() {
        Webhook updated = service.update(withUrl(change(), "https://new.example.com/in"));

        assertKeptIdentityAndMovedOn(updated);
        assertThat(updated.url()).isEqualTo(new WebhookUrl("https://new.example.com/in"));
        assertThat(updated.name()).isEqualTo(original.name());
    }

    @Test
    void another_agent_of_the_workspace_takes_it_over() {
        Webhook updated = service.update(withAgent(change(), SECOND_AGENT));

        assertKeptIdentityAndMovedOn(updated);
        assertThat(updated.agentId()).isEqualTo(SECOND_AGENT);
        assertThat(updated.wants(SECOND_AGENT, EventType.CONVERSATION_STARTED)).isTrue();
        assertThat(updated.wants(AGENT, EventType.CONVERSATION_STARTED)).isFalse();
    }

    @Test
    void an_agent_of_another_workspace_is_refused_and_nothing_changes() {
        assertRejected("agentId", () -> service.update(withName(withAgent(change(), OTHER_WORKSPACES_AGENT), "X")));

        assertThat(stored()).isEqualTo(original);
    }

    @Test
    void an_unknown_agent_is_refused() {
        assertRejected("agentId", () -> service.update(withAgent(change(), new AgentId("noSuchAgent"))));

        assertThat(stored()).isEqualTo(original);
    }

    @Test
    void a_new_secret_rotates_it() {
        Secret fresh = Secret.of("a-brand-new-secret");

        Webhook updated = service.update(withSecret(change(), fresh));

        assertKeptIdentityAndMovedOn(updated);
        assertThat(updated.secret()).isEqualTo(fresh);
    }

    @Test
    void new_events_resubscribe_it() {
        Webhook updated = service.update(withEvents(change(), EventType.CONVERSATION_ANALYSED));

        assertKeptIdentityAndMovedOn(updated);
        assertThat(updated.events()).isEqualTo(Subscriptions.of(EventType.CONVERSATION_ANALYSED));
    }

    @Test
    void active_false_pauses_it() {
        Webhook updated = service.update(withActive(change(), false));

        assertKeptIdentityAndMovedOn(updated);
        assertThat(updated.active()).isFalse();
        assertThat(updated.wants(AGENT, EventType.CONVERSATION_STARTED)).isFalse();
    }

    @Test
    void active_true_resumes_a_paused_webhook() {
        service.update(withActive(change(), false));
        clock.advance(Duration.ofMinutes(1));

        Webhook resumed = service.update(withActive(change(), true));

        assertThat(resumed.active()).isTrue();
        assertThat(resumed.updatedAt()).isEqualTo(LATER.plus(Duration.ofMinutes(1)));
        assertThat(stored().active()).isTrue();
    }

    @Test
    void several_fields_change_at_once() {
        Webhook updated = service.update(withActive(
                withEvents(
                        withUrl(withName(change(), "Both"), "http://both.example.com/"), EventType.CONVERSATION_ENDED),
                false));

        assertKeptIdentityAndMovedOn(updated);
        assertThat(updated.name()).isEqualTo(new WebhookName("Both"));
        assertThat(updated.url()).isEqualTo(new WebhookUrl("http://both.example.com/"));
        assertThat(updated.events()).isEqualTo(Subscriptions.of(EventType.CONVERSATION_ENDED));
        assertThat(updated.active()).isFalse();
        assertThat(updated.secret()).isEqualTo(original.secret());
    }

    @Test
    void a_change_of_nothing_leaves_the_webhook_as_it_was() {
        Webhook updated = service.update(change());

        assertThat(updated).isEqualTo(original);
        assertThat(stored().updatedAt()).isEqualTo(START);
    }

    @Test
    void a_missing_webhook_is_not_found() {
        WebhookId unknown = WebhookId.random();

        assertNotFound("webhook", unknown.value(), () -> service.update(withName(change(WORKSPACE, unknown), "X")));
    }

    @Test
    void another_workspaces_webhook_is_not_found_and_stays_as_it_was() {
        assertNotFound(
                "webhook",
                original.id().value(),
                () -> service.update(withActive(change(OTHER_WORKSPACE, original.id()), false)));

        assertThat(stored()).isEqualTo(original);
    }
}
