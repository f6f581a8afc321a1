package org.agenthooks.application.port.out.contract;

import static org.agenthooks.domain.event.EventType.CONVERSATION_ANALYSED;
import static org.agenthooks.domain.event.EventType.CONVERSATION_ENDED;
import static org.agenthooks.domain.event.EventType.CONVERSATION_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.application.port.query.ListWebhooksQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.application.port.query.PageLimit;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Disablement;
import org.agenthooks.domain.webhook.PreviousSecret;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link WebhookRepository} does; subclass it once per implementation. */
public abstract class WebhookRepositoryContract {
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z");
    private static final Comparator<Webhook> NEWEST_FIRST = Comparator.comparing(Webhook::createdAt)
            .thenComparing(webhook -> webhook.id().value())
            .reversed();

    private Repositories repositories;
    private WebhookRepository webhooks;
    private WorkspaceId workspace;
    private AgentId agent;
    private AgentId secondAgent;
    private WorkspaceId otherWorkspace;
    private AgentId otherAgent;

    /** Fresh repositories, or ones over a store that other tests of the class may have written to. */
    protected abstract Repositories repositories();

    @BeforeEach
    void setUp() {
        repositories = repositories();
        webhooks = repositories.webhooks();
        workspace = givenWorkspace();
        agent = givenAgent(workspace);
        secondAgent = givenAgent(workspace);
        otherWorkspace = givenWorkspace();
        otherAgent = givenAgent(otherWorkspace);
    }

    @Test
    void a_stored_webhook_is_found_exactly_as_it_was() {
        Webhook everything = Webhook.restore(
                WebhookId.random(),
                workspace,
                new WebhookName("Ünïcode 🚀 name"),
                agent,
                new WebhookUrl("https://example.com/hooks?source=agent&x=1"),
                Secret.generate(),
                Subscriptions.of(EventType.subscribableTypes()),
                false,
                T0,
                T0.plusMillis(1_234).plusNanos(5_000));
        Webhook oneEvent = webhook(agent, T0, true, CONVERSATION_ANALYSED);
        webhooks.add(everything);
        webhooks.add(oneEvent);

        assertThat(webhooks.find(workspace, everything.id())).contains(everything);
        assertThat(webhooks.find(workspace, oneEvent.id())).contains(oneEvent);
    }

    @Test
    void a_webhook_is_not_found_in_another_workspace_nor_by_an_unknown_id() {
        Webhook webhook = webhook(agent, T0, true, CONVERSATION_STARTED);
        webhooks.add(webhook);

        assertThat(webhooks.find(otherWorkspace, webhook.id())).isEmpty();
        assertThat(webhooks.find(workspace, WebhookId.random())).isEmpty();
    }

    @Test
    void a_second_webhook_with_the_same_id_is_refused() {
        Webhook webhook = webhook(agent, T0, true, CONVERSATION_STARTED);
        webhooks.add(webhook);

        assertThatThrownBy(() -> webhooks.add(webhook.rename(new WebhookName("Impostor"), T0)))
                .isInstanceOf(RuntimeException.class);
        assertThat(webhooks.find(workspace, webhook.id())).contains(webhook);
    }

    @Test
    void an_update_stores_every_changed_field() {
        Webhook webhook = webhook(agent, T0, true, CONVERSATION_STARTED);
        webhooks.add(webhook);
        Instant later = T0.plusSeconds(90).plusNanos(1_000);
        Webhook changed = webhook.rename(new WebhookName("Renamed"), later)
                .moveTo(new WebhookUrl("http://10.0.0.7:8080/elsewhere"), later)
                .reassignTo(secondAgent, later)
                .replaceSecret(Secret.of("a-plain-secret"), later)
                .subscribeTo(Subscriptions.of(CONVERSATION_ENDED, CONVERSATION_ANALYSED), later)
                .pause(later);

        assertThat(webhooks.update(changed)).isTrue();
        assertThat(webhooks.find(workspace, webhook.id())).contains(changed);
    }

    @Test
    void a_rotation_keeps_the_previous_secret_and_its_expiry_and_a_later_change_can_drop_them() {
        Webhook webhook = webhook(agent, T0, true, CONVERSATION_STARTED);
        webhooks.add(webhook);
        Instant later = T0.plusSeconds(90);
        Webhook rotated = webhook.rotateSecret(Secret.generate(), Duration.ofHours(24), later);

        assertThat(webhooks.update(rotated)).isTrue();
        assertThat(webhooks.find(workspace, webhook.id())).contains(rotated);
        assertThat(webhooks.find(workspace, webhook.id()).orElseThrow().previousSecret())
                .contains(new PreviousSecret(webhook.secret(), later.plus(Duration.ofHours(24))));

        Webhook replaced = rotated.replaceSecret(Secret.generate(), later.plusSeconds(1));
        assertThat(webhooks.update(replaced)).isTrue();
        assertThat(webhooks.find(workspace, webhook.id()).orElseThrow().previousSecret())
                .isEmpty();
    }

    @Test
    void updating_a_webhook_that_does_not_exist_reports_false_and_stores_nothing() {
        Webhook neverAdded = webhook(agent, T0, true, CONVERSATION_STARTED);

        assertThat(webhooks.update(neverAdded)).isFalse();
        assertThat(webhooks.find(workspace, neverAdded.id())).isEmpty();
    }

    @Test
    void deactivating_turns_off_active_alone_so_an_edit_stored_after_the_webhook_was_read_survives() {
        Webhook webhook = webhook(agent, T0, true, CONVERSATION_STARTED);
        webhooks.add(webhook);
        Webhook read = webhooks.find(workspace, webhook.id()).orElseThrow();
        Instant edited = T0.plusSeconds(10);
        Webhook edit = read.rename(new WebhookName("Edited meanwhile"), edited)
                .moveTo(new WebhookUrl("https://example.com/moved"), edited)
                .subscribeTo(Subscriptions.of(CONVERSATION_ENDED, CONVERSATION_ANALYSED), edited);
        assertThat(webhooks.update(edit)).isTrue();
        Instant gone = T0.plusSeconds(20).plusNanos(1_000);

        assertThat(webhooks.deactivate(workspace, read.id(), "answered 410 Gone", gone))
                .isTrue();

        Webhook stored = webhooks.find(workspace, webhook.id()).orElseThrow();
        assertThat(stored).isEqualTo(edit.disable("answered 410 Gone", gone));
        assertThat(stored.disablement()).hasValue(new Disablement("answered 410 Gone", gone));
        assertThat(stored.name()).isEqualTo(new WebhookName("Edited meanwhile"));
        assertThat(stored.active()).isFalse();
    }

    @Test
    void deactivating_an_inactive_unknown_or_other_workspaces_webhook_reports_false_and_changes_nothing() {
        Webhook inactive = webhook(agent, T0, false, CONVERSATION_STARTED);
        Webhook active = webhook(agent, T0, true, CONVERSATION_STARTED);
        webhooks.add(inactive);
        webhooks.add(active);
        Instant later = T0.plusSeconds(30);

        assertThat(webhooks.deactivate(workspace, inactive.id(), "gone", later)).isFalse();
        assertThat(webhooks.deactivate(otherWorkspace, active.id(), "gone", later))
                .isFalse();
        assertThat(webhooks.deactivate(workspace, WebhookId.random(), "gone", later))
                .isFalse();

        assertThat(webhooks.find(workspace, inactive.id())).contains(inactive);
        assertThat(webhooks.find(workspace, active.id())).contains(active);
    }

    @Test
    void the_first_failure_begins_a_run_that_later_failures_keep_and_a_success_ends() {
        Webhook webhook = webhook(agent, T0, true, CONVERSATION_STARTED);
        webhooks.add(webhook);
        Instant first = T0.plusSeconds(1);

        assertThat(webhooks.noteFailure(workspace, webhook.id(), first)).hasValue(first);
        assertThat(webhooks.noteFailure(workspace, webhook.id(), T0.plusSeconds(2)))
                .hasValue(first);
        webhooks.noteSuccess(workspace, webhook.id());
        assertThat(webhooks.noteFailure(workspace, webhook.id(), T0.plusSeconds(3)))
                .hasValue(T0.plusSeconds(3));
        assertThat(webhooks.find(workspace, webhook.id())).contains(webhook);
    }

    @Test
    void failures_of_an_unknown_or_other_workspaces_webhook_are_not_noted() {
        Webhook webhook = webhook(agent, T0, true, CONVERSATION_STARTED);
        webhooks.add(webhook);

        assertThat(webhooks.noteFailure(otherWorkspace, webhook.id(), T0)).isEmpty();
        assertThat(webhooks.noteFailure(workspace, WebhookId.random(), T0)).isEmpty();
        assertThat(webhooks.noteFailure(workspace, webhook.id(), T0.plusSeconds(5)))
                .hasValue(T0.plusSeconds(5));
    }

    @Test
    void a_webhook_failing_since_the_given_time_is_deactivated_with_its_reason_once() {
        Webhook webhook = webhook(agent, T0, true, CONVERSATION_STARTED);
        webhooks.add(webhook);
        Instant since = webhooks.noteFailure(workspace, webhook.id(), T0).orElseThrow();
        Instant later = T0.plusSeconds(60);
        String reason = "all deliveries failed since " + since;

        assertThat(webhooks.deactivateIfFailingSince(workspace, webhook.id(), since, reason, later))
                .isTrue();
        assertThat(webhooks.deactivateIfFailingSince(workspace, webhook.id(), since, reason, later))
                .isFalse();

        Webhook stored = webhooks.find(workspace, webhook.id()).orElseThrow();
        assertThat(stored.active()).isFalse();
        assertThat(stored.disablement()).hasValue(new Disablement(reason, later));
    }

    @Test
    void a_success_noted_after_the_run_was_read_keeps_the_webhook_on() {
        Webhook webhook = webhook(agent, T0, true, CONVERSATION_STARTED);
        webhooks.add(webhook);
        Instant since = webhooks.noteFailure(workspace, webhook.id(), T0).orElseThrow();
        webhooks.noteSuccess(workspace, webhook.id());

        assertThat(webhooks.deactivateIfFailingSince(workspace, webhook.id(), since, "failing", T0.plusSeconds(60)))
                .isFalse();
        webhooks.noteFailure(workspace, webhook.id(), T0.plusSeconds(30));
        assertThat(webhooks.deactivateIfFailingSince(workspace, webhook.id(), since, "failing", T0.plusSeconds(60)))
                .isFalse();
        assertThat(webhooks.find(workspace, webhook.id())).contains(webhook);
    }

    @Test
    void resuming_a_disabled_webhook_clears_its_reason_and_starts_a_fresh_run() {
        Webhook webhook = webhook(agent, T0, true, CONVERSATION_STARTED);
        webhooks.add(webhook);
        Instant since = webhooks.noteFailure(workspace, webhook.id(), T0).orElseThrow();
        webhooks.deactivateIfFailingSince(workspace, webhook.id(), since, "failing", T0.plusSeconds(60));
        Webhook disabled = webhooks.find(workspace, webhook.id()).orElseThrow();
        Instant resumedAt = T0.plusSeconds(90);

        assertThat(webhooks.update(disabled.resume(resumedAt))).isTrue();

        Webhook stored = webhooks.find(workspace, webhook.id()).orElseThrow();
        assertThat(stored.active()).isTrue();
        assertThat(stored.disablement()).isEmpty();
        assertThat(webhooks.noteFailure(workspace, webhook.id(), T0.plusSeconds(95)))
                .hasValue(T0.plusSeconds(95));
    }

    @Test
    void a_webhook_cannot_be_updated_from_another_workspace() {
        Webhook webhook = webhook(agent, T0, true, CONVERSATION_STARTED);
        webhooks.add(webhook);
        Webhook hijacked = Webhook.restore(
                webhook.id(),
                otherWorkspace,
                new WebhookName("Hijacked"),
                otherAgent,
                new WebhookUrl("https://attacker.example/steal"),
                Secret.of("attacker-secret"),
                webhook.events(),
                true,
                T0,
                T0.plusSeconds(1));

        assertThat(webhooks.update(hijacked)).isFalse();
        assertThat(webhooks.find(workspace, webhook.id())).contains(webhook);
        assertThat(webhooks.find(otherWorkspace, webhook.id())).isEmpty();
    }

    @Test
    void a_removed_webhook_is_gone_and_removing_it_again_reports_false() {
        Webhook webhook = webhook(agent, T0, true, CONVERSATION_STARTED);
        Webhook kept = webhook(agent, T0, true, CONVERSATION_STARTED);
        webhooks.add(webhook);
        webhooks.add(kept);

        assertThat(webhooks.remove(workspace, webhook.id())).isTrue();
        assertThat(webhooks.find(workspace, webhook.id())).isEmpty();
        assertThat(webhooks.remove(workspace, webhook.id())).isFalse();
        assertThat(webhooks.find(workspace, kept.id())).contains(kept);
    }

    @Test
    void a_webhook_cannot_be_removed_from_another_workspace() {
        Webhook webhook = webhook(agent, T0, true, CONVERSATION_STARTED);
        webhooks.add(webhook);

        assertThat(webhooks.remove(otherWorkspace, webhook.id())).isFalse();
        assertThat(webhooks.find(workspace, webhook.id())).contains(webhook);
    }

    @Test
    void the_list_holds_only_the_workspaces_webhooks_newest_first_on_one_page() {
        Webhook old = add(webhook(agent, T0, true, CONVERSATION_STARTED));
        Webhook newer = add(webhook(secondAgent, T0.plusSeconds(1), false, CONVERSATION_ENDED));
        Webhook newest = add(webhook(agent, T0.plusSeconds(2), true, CONVERSATION_ANALYSED));
        add(webhook(otherWorkspace, otherAgent, T0.plusSeconds(3), true, CONVERSATION_STARTED));

        Page<Webhook> page = webhooks.list(query(workspace, 20, Optional.empty()));

        assertThat(page.items()).containsExactly(newest, newer, old);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void a_workspace_without_webhooks_lists_an_empty_last_page() {
        Page<Webhook> page = webhooks.list(query(givenWorkspace(), 20, Optional.empty()));

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void pages_follow_one_another_without_gaps_or_repeats_even_when_created_at_the_same_instant() {
        List<Webhook> stored = new ArrayList<>();
        stored.add(add(webhook(agent, T0, true, CONVERSATION_STARTED)));
        for (int i = 0; i < 4; i++) {
            stored.add(add(webhook(agent, T0.plusSeconds(1), true, CONVERSATION_STARTED)));
        }
        stored.add(add(webhook(agent, T0.plusSeconds(2), true, CONVERSATION_STARTED)));
        stored.add(add(webhook(agent, T0.plusSeconds(2), true, CONVERSATION_STARTED)));
        add(webhook(otherWorkspace, otherAgent, T0.plusSeconds(1), true, CONVERSATION_STARTED));

        Page<Webhook> first = webhooks.list(query(workspace, 3, Optional.empty()));
        Page<Webhook> second = webhooks.list(query(workspace, 3, first.next()));
        Page<Webhook> third = webhooks.list(query(workspace, 3, second.next()));

        assertThat(Stream.of(first, second, third).flatMap(page -> page.items().stream()))
                .containsExactlyElementsOf(newestFirst(stored));
        assertThat(first.items()).hasSize(3);
        assertThat(first.next()).contains(cursorOf(first.items().getLast()));
        assertThat(second.items()).hasSize(3);
        assertThat(second.next()).contains(cursorOf(second.items().getLast()));
        assertThat(third.items()).hasSize(1);
        assertThat(third.next()).isEmpty();
    }

    @Test
    void a_page_that_is_exactly_full_is_the_last_one() {
        Webhook older = add(webhook(agent, T0, true, CONVERSATION_STARTED));
        Webhook newer = add(webhook(agent, T0.plusSeconds(1), true, CONVERSATION_STARTED));

        Page<Webhook> page = webhooks.list(query(workspace, 2, Optional.empty()));

        assertThat(page.items()).containsExactly(newer, older);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void the_list_can_be_filtered_by_agent() {
        Webhook first = add(webhook(agent, T0, true, CONVERSATION_STARTED));
        add(webhook(secondAgent, T0.plusSeconds(1), true, CONVERSATION_STARTED));
        Webhook third = add(webhook(agent, T0.plusSeconds(2), false, CONVERSATION_ENDED));

        assertThat(list(filter(Optional.of(agent), Optional.empty(), Optional.empty())))
                .containsExactly(third, first);
    }

    @Test
    void filtering_by_agent_never_reaches_into_another_workspace() {
        Agent sameIdElsewhere = new Agent(agent, otherWorkspace, "Same id, other workspace", T0);
        repositories.agents().add(sameIdElsewhere);
        Webhook ours = add(webhook(agent, T0, true, CONVERSATION_STARTED));
        add(webhook(otherWorkspace, agent, T0.plusSeconds(1), true, CONVERSATION_STARTED));

        assertThat(list(filter(Optional.of(agent), Optional.empty(), Optional.empty())))
                .containsExactly(ours);
    }

    @Test
    void the_list_can_be_filtered_by_active_or_paused() {
        Webhook active = add(webhook(agent, T0, true, CONVERSATION_STARTED));
        Webhook paused = add(webhook(agent, T0.plusSeconds(1), false, CONVERSATION_STARTED));

        assertThat(list(filter(Optional.empty(), Optional.of(true), Optional.empty())))
                .containsExactly(active);
        assertThat(list(filter(Optional.empty(), Optional.of(false), Optional.empty())))
                .containsExactly(paused);
    }

    @Test
    void the_list_can_be_filtered_by_an_event_the_webhook_listens_to() {
        Webhook started = add(webhook(agent, T0, true, CONVERSATION_STARTED));
        Webhook ended = add(webhook(agent, T0.plusSeconds(1), true, CONVERSATION_ENDED));
        Webhook startedAndAnalysed =
                add(webhook(agent, T0.plusSeconds(2), true, CONVERSATION_STARTED, CONVERSATION_ANALYSED));
        Webhook all = add(webhook(
                agent, T0.plusSeconds(3), true, CONVERSATION_STARTED, CONVERSATION_ENDED, CONVERSATION_ANALYSED));

        assertThat(list(filter(Optional.empty(), Optional.empty(), Optional.of(CONVERSATION_STARTED))))
                .containsExactly(all, startedAndAnalysed, started);
        assertThat(list(filter(Optional.empty(), Optional.empty(), Optional.of(CONVERSATION_ENDED))))
                .containsExactly(all, ended);
        assertThat(list(filter(Optional.empty(), Optional.empty(), Optional.of(CONVERSATION_ANALYSED))))
                .containsExactly(all, startedAndAnalysed);
    }

    @Test
    void filters_combine_and_page_together() {
        Webhook match1 = add(webhook(agent, T0, true, CONVERSATION_ENDED));
        add(webhook(agent, T0.plusSeconds(1), false, CONVERSATION_ENDED));
        add(webhook(secondAgent, T0.plusSeconds(2), true, CONVERSATION_ENDED));
        add(webhook(agent, T0.plusSeconds(3), true, CONVERSATION_STARTED));
        Webhook match2 = add(webhook(agent, T0.plusSeconds(4), true, CONVERSATION_STARTED, CONVERSATION_ENDED));

        ListWebhooksQuery firstPage = new ListWebhooksQuery(
                workspace,
                Optional.of(agent),
                Optional.of(true),
                Optional.of(CONVERSATION_ENDED),
                new PageLimit(1),
                Optional.empty());
        Page<Webhook> first = webhooks.list(firstPage);
        Page<Webhook> second = webhooks.list(new ListWebhooksQuery(
                workspace,
                Optional.of(agent),
                Optional.of(true),
                Optional.of(CONVERSATION_ENDED),
                new PageLimit(1),
                first.next()));

        assertThat(first.items()).containsExactly(match2);
        assertThat(first.next()).contains(cursorOf(match2));
        assertThat(second.items()).containsExactly(match1);
        assertThat(second.next()).isEmpty();
    }

    @Test
    void the_candidates_for_an_agents_events_are_its_active_webhooks_in_its_workspace() {
        Webhook first = add(webhook(agent, T0, true, CONVERSATION_STARTED));
        Webhook second = add(webhook(agent, T0.plusSeconds(1), true, CONVERSATION_ENDED));
        add(webhook(agent, T0.plusSeconds(2), false, CONVERSATION_STARTED));
        add(webhook(secondAgent, T0.plusSeconds(3), true, CONVERSATION_STARTED));
        repositories.agents().add(new Agent(agent, otherWorkspace, "Same id, other workspace", T0));
        add(webhook(otherWorkspace, agent, T0.plusSeconds(4), true, CONVERSATION_STARTED));

        assertThat(webhooks.activeFor(workspace, agent)).containsExactlyInAnyOrder(first, second);
        assertThat(webhooks.activeFor(workspace, givenAgent(workspace))).isEmpty();
    }

    private WorkspaceId givenWorkspace() {
        WorkspaceId id = WorkspaceId.random();
        repositories.workspaces().add(new Workspace(id, "Workspace " + id, T0));
        return id;
    }

    private AgentId givenAgent(WorkspaceId workspaceId) {
        AgentId id = AgentId.random();
        repositories.agents().add(new Agent(id, workspaceId, "Agent " + id, T0));
        return id;
    }

    private Webhook webhook(AgentId agentId, Instant createdAt, boolean active, EventType... events) {
        return webhook(workspace, agentId, createdAt, active, events);
    }

    private static Webhook webhook(
            WorkspaceId workspaceId, AgentId agentId, Instant createdAt, boolean active, EventType... events) {
        return Webhook.restore(
                WebhookId.random(),
                workspaceId,
                new WebhookName("Hook at " + createdAt),
                agentId,
                new WebhookUrl("https://example.com/hooks"),
                Secret.generate(),
                Subscriptions.of(events),
                active,
                createdAt,
                createdAt);
    }

    private Webhook add(Webhook webhook) {
        webhooks.add(webhook);
        return webhook;
    }

    private ListWebhooksQuery query(WorkspaceId workspaceId, int limit, Optional<PageCursor> after) {
        return new ListWebhooksQuery(
                workspaceId, Optional.empty(), Optional.empty(), Optional.empty(), new PageLimit(limit), after);
    }

    private ListWebhooksQuery filter(Optional<AgentId> agentId, Optional<Boolean> active, Optional<EventType> event) {
        return new ListWebhooksQuery(workspace, agentId, active, event, PageLimit.DEFAULT, Optional.empty());
    }

    private List<Webhook> list(ListWebhooksQuery query) {
        return webhooks.list(query).items();
    }

    private static List<Webhook> newestFirst(List<Webhook> webhooks) {
        return webhooks.stream().sorted(NEWEST_FIRST).toList();
    }

    private static PageCursor cursorOf(Webhook webhook) {
        return new PageCursor(webhook.createdAt(), webhook.id().value());
    }
}
