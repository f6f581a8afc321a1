package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACES_AGENT;
import static org.agenthooks.application.testing.Fixtures.SECOND_AGENT;
import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.fakes.InMemoryAgentRepository;
import org.agenthooks.application.fakes.InMemoryWebhookRepository;
import org.agenthooks.application.port.in.RegisterWebhookCommand;
import org.agenthooks.application.port.query.ListWebhooksQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.application.port.query.PageLimit;
import org.agenthooks.application.testing.Fixtures;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListWebhooksServiceTest {
    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    private final TestClock clock = new TestClock(START);
    private final RegisterWebhookService register =
            new RegisterWebhookService(webhooks, agents, Fixtures.ANY_DESTINATION, clock);
    private final ListWebhooksService service = new ListWebhooksService(webhooks);

    private Webhook firstStartedActive;
    private Webhook secondEndedPaused;
    private Webhook thirdOtherAgentBoth;
    private Webhook otherWorkspaces;

    @BeforeEach
    void webhooks_registered_a_minute_apart() {
        agents.add(agent(AGENT, WORKSPACE));
        agents.add(agent(SECOND_AGENT, WORKSPACE));
        agents.add(agent(OTHER_WORKSPACES_AGENT, OTHER_WORKSPACE));
        firstStartedActive = registerNext(WORKSPACE, AGENT, true, EventType.CONVERSATION_STARTED);
        secondEndedPaused = registerNext(WORKSPACE, AGENT, false, EventType.CONVERSATION_ENDED);
        thirdOtherAgentBoth = registerNext(
                WORKSPACE, SECOND_AGENT, true, EventType.CONVERSATION_STARTED, EventType.CONVERSATION_ENDED);
        otherWorkspaces = registerNext(OTHER_WORKSPACE, OTHER_WORKSPACES_AGENT, true, EventType.CONVERSATION_STARTED);
    }

    private Webhook registerNext(WorkspaceId workspaceId, AgentId agentId, boolean active, EventType... events) {
        clock.advance(Duration.ofMinutes(1));
        return register.register(new RegisterWebhookCommand(
                workspaceId,
                new WebhookName("hook"),
                new WebhookUrl("https://example.com/hook"),
                agentId,
                Optional.empty(),
                Subscriptions.of(events),
                active));
    }

    private static ListWebhooksQuery all(WorkspaceId workspaceId) {
        return new ListWebhooksQuery(
                workspaceId, Optional.empty(), Optional.empty(), Optional.empty(), PageLimit.DEFAULT, Optional.empty());
    }

    @Test
    void it_lists_only_the_workspaces_webhooks_newest_first() {
        Page<Webhook> page = service.list(all(WORKSPACE));

        assertThat(page.items()).containsExactly(thirdOtherAgentBoth, secondEndedPaused, firstStartedActive);
        assertThat(page.next()).isEmpty();
        assertThat(service.list(all(OTHER_WORKSPACE)).items()).containsExactly(otherWorkspaces);
    }

    @Test
    void it_filters_by_agent() {
        ListWebhooksQuery query = new ListWebhooksQuery(
                WORKSPACE, Optional.of(AGENT), Optional.empty(), Optional.empty(), PageLimit.DEFAULT, Optional.empty());

        assertThat(service.list(query).items()).containsExactly(secondEndedPaused, firstStartedActive);
    }

    @Test
    void it_filters_by_active_or_paused() {
        ListWebhooksQuery paused = new ListWebhooksQuery(
                WORKSPACE, Optional.empty(), Optional.of(false), Optional.empty(), PageLimit.DEFAULT, Optional.empty());
        ListWebhooksQuery active = new ListWebhooksQuery(
                WORKSPACE, Optional.empty(), Optional.of(true), Optional.empty(), PageLimit.DEFAULT, Optional.empty());

        assertThat(service.list(paused).items()).containsExactly(secondEndedPaused);
        assertThat(service.list(active).items()).containsExactly(thirdOtherAgentBoth, firstStartedActive);
    }

    @Test
    void it_filters_by_subscribed_event() {
        ListWebhooksQuery ended = new ListWebhooksQuery(
                WORKSPACE,
                Optional.empty(),
                Optional.empty(),
                Optional.of(EventType.CONVERSATION_ENDED),
                PageLimit.DEFAULT,
                Optional.empty());
        ListWebhooksQuery analysed = new ListWebhooksQuery(
                WORKSPACE,
                Optional.empty(),
                Optional.empty(),
                Optional.of(EventType.CONVERSATION_ANALYSED),
                PageLimit.DEFAULT,
                Optional.empty());

        assertThat(service.list(ended).items()).containsExactly(thirdOtherAgentBoth, secondEndedPaused);
        assertThat(service.list(analysed).items()).isEmpty();
    }

    @Test
    void filters_combine() {
        ListWebhooksQuery query = new ListWebhooksQuery(
                WORKSPACE,
                Optional.of(AGENT),
                Optional.of(true),
                Optional.of(EventType.CONVERSATION_STARTED),
                PageLimit.DEFAULT,
                Optional.empty());

        assertThat(service.list(query).items()).containsExactly(firstStartedActive);
    }

    @Test
    void pages_follow_on_from_the_cursor_the_previous_page_gave_out() {
        ListWebhooksQuery firstQuery = new ListWebhooksQuery(
                WORKSPACE, Optional.empty(), Optional.empty(), Optional.empty(), new PageLimit(2), Optional.empty());

        Page<Webhook> first = service.list(firstQuery);
        String cursorText = first.next().orElseThrow().encode();
        Page<Webhook> second = service.list(new ListWebhooksQuery(
                WORKSPACE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                new PageLimit(2),
                Optional.of(PageCursor.decode(cursorText))));

        assertThat(first.items()).containsExactly(thirdOtherAgentBoth, secondEndedPaused);
        assertThat(second.items()).containsExactly(firstStartedActive);
        assertThat(second.next()).isEmpty();
    }

    @Test
    void a_page_that_is_exactly_full_has_no_next_cursor() {
        ListWebhooksQuery query = new ListWebhooksQuery(
                WORKSPACE, Optional.empty(), Optional.empty(), Optional.empty(), new PageLimit(3), Optional.empty());

        Page<Webhook> page = service.list(query);

        assertThat(page.items()).hasSize(3);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void a_webhook_registered_between_pages_neither_repeats_nor_hides_older_ones() {
        ListWebhooksQuery firstQuery = new ListWebhooksQuery(
                WORKSPACE, Optional.empty(), Optional.empty(), Optional.empty(), new PageLimit(1), Optional.empty());
        Page<Webhook> first = service.list(firstQuery);
        Webhook newer = registerNext(WORKSPACE, AGENT, true, EventType.CONVERSATION_STARTED);

        Page<Webhook> rest = service.list(new ListWebhooksQuery(
                WORKSPACE, Optional.empty(), Optional.empty(), Optional.empty(), PageLimit.DEFAULT, first.next()));

        assertThat(first.items()).containsExactly(thirdOtherAgentBoth);
        assertThat(rest.items())
                .containsExactly(secondEndedPaused, firstStartedActive)
                .doesNotContain(newer);
    }

    @Test
    void an_empty_workspace_lists_nothing() {
        Page<Webhook> page = service.list(all(new WorkspaceId("org_cccccccccccccccc")));

        assertThat(page.items()).isEqualTo(List.of());
        assertThat(page.next()).isEmpty();
    }
}
