package org.agenthooks.domain.webhook;

import static org.agenthooks.domain.event.EventType.CONVERSATION_ANALYSED;
import static org.agenthooks.domain.event.EventType.CONVERSATION_ENDED;
import static org.agenthooks.domain.event.EventType.CONVERSATION_STARTED;
import static org.agenthooks.domain.event.EventType.WEBHOOK_TEST;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

class WebhookTest {
    private static final WorkspaceId WORKSPACE = new WorkspaceId("org_demoWorkspace001");
    private static final AgentId AGENT = new AgentId("D5D0p7TUs66TTAEAx");
    private static final AgentId OTHER_AGENT = new AgentId("Q7mZ2wX9cLr4VbN8k");
    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2025-03-01T11:30:00.123456Z");
    private static final Secret SECRET = Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    private static WebhookDefinition definition(boolean active) {
        return new WebhookDefinition(
                new WebhookName("CRM sync"),
                new WebhookUrl("https://crm.example.com/hooks"),
                AGENT,
                SECRET,
                Subscriptions.of(CONVERSATION_STARTED, CONVERSATION_ENDED),
                active);
    }

    private static Webhook registered() {
        return Webhook.register(WORKSPACE, definition(true), CREATED);
    }

    private static void assertSameWebhookMovedOn(Webhook before, Webhook after) {
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.workspaceId()).isEqualTo(before.workspaceId());
        assertThat(after.createdAt()).isEqualTo(CREATED);
        assertThat(after.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void a_registered_webhook_has_a_fresh_id_and_was_updated_when_it_was_created() {
        Webhook webhook = registered();

        assertThat(WebhookId.isWellFormed(webhook.id().value())).isTrue();
        assertThat(webhook.createdAt()).isEqualTo(CREATED);
        assertThat(webhook.updatedAt()).isEqualTo(CREATED);
    }

    @Test
    void two_registrations_of_the_same_definition_get_different_ids() {
        assertThat(registered().id()).isNotEqualTo(registered().id());
    }

    @Test
    void a_registered_webhook_takes_everything_else_from_its_definition() {
        Webhook webhook = Webhook.register(WORKSPACE, definition(false), CREATED);

        assertThat(webhook.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(webhook.name()).isEqualTo(new WebhookName("CRM sync"));
        assertThat(webhook.url()).isEqualTo(new WebhookUrl("https://crm.example.com/hooks"));
        assertThat(webhook.agentId()).isEqualTo(AGENT);
        assertThat(webhook.secret()).isEqualTo(SECRET);
        assertThat(webhook.events()).isEqualTo(Subscriptions.of(CONVERSATION_STARTED, CONVERSATION_ENDED));
        assertThat(webhook.active()).isFalse();
    }

    @Test
    void a_webhook_is_ordered_by_conversation_unless_told_otherwise_and_other_changes_keep_it() {
        Webhook webhook = registered();
        Webhook unordered = webhook.orderBy(Ordering.NONE, LATER);

        assertThat(webhook.ordering()).isEqualTo(Ordering.CONVERSATION);
        assertSameWebhookMovedOn(webhook, unordered);
        assertThat(unordered.ordering()).isEqualTo(Ordering.NONE);
        assertThat(unordered).isNotEqualTo(webhook.orderBy(Ordering.CONVERSATION, LATER));
        assertThat(unordered.pause(LATER).rename(new WebhookName("x"), LATER).ordering())
                .isEqualTo(Ordering.NONE);
        assertThat(unordered
                        .rotateSecret(Secret.generate(), java.time.Duration.ZERO, LATER)
                        .ordering())
                .isEqualTo(Ordering.NONE);
        assertThat(unordered.redefine(definition(true), LATER).ordering()).isEqualTo(Ordering.CONVERSATION);
        assertThat(Ordering.fromWireName("none")).contains(Ordering.NONE);
        assertThat(Ordering.fromWireName("fifo")).isEmpty();
    }

    @Test
    void pausing_keeps_the_webhook_and_moves_updated_at() {
        Webhook before = registered();

        Webhook paused = before.pause(LATER);

        assertSameWebhookMovedOn(before, paused);
        assertThat(paused.active()).isFalse();
        assertThat(before.active()).isTrue();
    }

    @Test
    void resuming_keeps_the_webhook_and_moves_updated_at() {
        Webhook before = Webhook.register(WORKSPACE, definition(false), CREATED);

        Webhook resumed = before.resume(LATER);

        assertSameWebhookMovedOn(before, resumed);
        assertThat(resumed.active()).isTrue();
    }

    @Test
    void renaming_changes_only_the_name() {
        Webhook before = registered();

        Webhook renamed = before.rename(new WebhookName("Billing"), LATER);

        assertSameWebhookMovedOn(before, renamed);
        assertThat(renamed.name()).isEqualTo(new WebhookName("Billing"));
        assertThat(renamed.url()).isEqualTo(before.url());
        assertThat(renamed.secret()).isEqualTo(before.secret());
        assertThat(renamed.events()).isEqualTo(before.events());
        assertThat(renamed.agentId()).isEqualTo(before.agentId());
        assertThat(renamed.active()).isTrue();
    }

    @Test
    void moving_changes_only_the_url() {
        Webhook before = registered();

        Webhook moved = before.moveTo(new WebhookUrl("https://new.example.com/in"), LATER);

        assertSameWebhookMovedOn(before, moved);
        assertThat(moved.url()).isEqualTo(new WebhookUrl("https://new.example.com/in"));
        assertThat(moved.name()).isEqualTo(before.name());
    }

    @Test
    void reassigning_changes_only_the_agent() {
        Webhook before = registered();

        Webhook reassigned = before.reassignTo(OTHER_AGENT, LATER);

        assertSameWebhookMovedOn(before, reassigned);
        assertThat(reassigned.agentId()).isEqualTo(OTHER_AGENT);
        assertThat(reassigned.url()).isEqualTo(before.url());
    }

    @Test
    void subscribing_changes_only_the_events() {
        Webhook before = registered();

        Webhook resubscribed = before.subscribeTo(Subscriptions.of(CONVERSATION_ANALYSED), LATER);

        assertSameWebhookMovedOn(before, resubscribed);
        assertThat(resubscribed.events()).isEqualTo(Subscriptions.of(CONVERSATION_ANALYSED));
        assertThat(resubscribed.agentId()).isEqualTo(before.agentId());
    }

    @Test
    void rotating_changes_only_the_secret() {
        Webhook before = registered();
        Secret fresh = Secret.generate();

        Webhook rotated = before.replaceSecret(fresh, LATER);

        assertSameWebhookMovedOn(before, rotated);
        assertThat(rotated.secret()).isEqualTo(fresh);
        assertThat(rotated.name()).isEqualTo(before.name());
    }

    @Test
    void redefining_replaces_every_defined_field_but_keeps_id_and_creation_time() {
        Webhook before = registered();
        Secret fresh = Secret.generate();
        WebhookDefinition replacement = new WebhookDefinition(
                new WebhookName("Other"),
                new WebhookUrl("http://other.example.com/"),
                OTHER_AGENT,
                fresh,
                Subscriptions.of(CONVERSATION_ANALYSED),
                false);

        Webhook redefined = before.redefine(replacement, LATER);

        assertSameWebhookMovedOn(before, redefined);
        assertThat(redefined.name()).isEqualTo(new WebhookName("Other"));
        assertThat(redefined.url()).isEqualTo(new WebhookUrl("http://other.example.com/"));
        assertThat(redefined.agentId()).isEqualTo(OTHER_AGENT);
        assertThat(redefined.secret()).isEqualTo(fresh);
        assertThat(redefined.events()).isEqualTo(Subscriptions.of(CONVERSATION_ANALYSED));
        assertThat(redefined.active()).isFalse();
    }

    @Test
    void disabling_turns_the_webhook_off_with_its_reason_and_time() {
        Webhook disabled = registered().disable("all deliveries failed since 2025-03-01T10:05:00Z", LATER);

        assertThat(disabled.active()).isFalse();
        assertThat(disabled.wants(AGENT, CONVERSATION_STARTED)).isFalse();
        assertThat(disabled.updatedAt()).isEqualTo(LATER);
        assertThat(disabled.disablement())
                .hasValue(new Disablement("all deliveries failed since 2025-03-01T10:05:00Z", LATER));
        assertThat(disabled.toString()).contains("disabled: all deliveries failed since");
    }

    @Test
    void a_webhook_its_owner_paused_or_never_disabled_has_no_disablement() {
        assertThat(registered().disablement()).isEmpty();
        assertThat(registered().pause(LATER).disablement()).isEmpty();
    }

    @Test
    void resuming_a_disabled_webhook_clears_its_reason_and_pausing_or_editing_keeps_it() {
        Webhook disabled = registered().disable("answered 410 Gone", LATER);

        assertThat(disabled.resume(LATER).disablement()).isEmpty();
        assertThat(disabled.resume(LATER).active()).isTrue();
        assertThat(disabled.redefine(definition(true), LATER).disablement()).isEmpty();
        assertThat(disabled.pause(LATER).disablement()).isPresent();
        assertThat(disabled.rename(new WebhookName("Renamed"), LATER).disablement())
                .isPresent();
        assertThat(disabled.redefine(definition(false), LATER).disablement()).isPresent();
    }

    @Test
    void a_disabled_webhook_is_restored_with_its_disablement() {
        Webhook disabled = registered().disable("answered 410 Gone", LATER);

        Webhook restored = Webhook.restore(
                disabled.id(),
                WORKSPACE,
                disabled.name(),
                AGENT,
                disabled.url(),
                SECRET,
                Optional.empty(),
                disabled.events(),
                false,
                CREATED,
                LATER,
                Optional.of(new Disablement("answered 410 Gone", LATER)));

        assertThat(restored).isEqualTo(disabled);
        assertThat(restored).isNotEqualTo(disabled.pause(LATER).resume(LATER).pause(LATER));
    }

    @Test
    void a_change_leaves_the_original_as_it_was() {
        Webhook before = registered();

        before.rename(new WebhookName("Billing"), LATER);

        assertThat(before.name()).isEqualTo(new WebhookName("CRM sync"));
        assertThat(before.updatedAt()).isEqualTo(CREATED);
    }

    @Test
    void an_active_webhook_wants_its_agents_subscribed_events() {
        assertThat(registered().wants(AGENT, CONVERSATION_STARTED)).isTrue();
        assertThat(registered().wants(AGENT, CONVERSATION_ENDED)).isTrue();
    }

    @Test
    void a_paused_webhook_does_not_want_events() {
        assertThat(registered().pause(LATER).wants(AGENT, CONVERSATION_STARTED)).isFalse();
    }

    @Test
    void a_webhook_does_not_want_another_agents_events() {
        assertThat(registered().wants(OTHER_AGENT, CONVERSATION_STARTED)).isFalse();
    }

    @Test
    void a_webhook_does_not_want_a_type_it_is_not_subscribed_to() {
        Webhook webhook = registered();

        assertThat(webhook.listensTo(CONVERSATION_ANALYSED)).isFalse();
        assertThat(webhook.wants(AGENT, CONVERSATION_ANALYSED)).isFalse();
        assertThat(webhook.wants(AGENT, WEBHOOK_TEST)).isFalse();
    }

    @Test
    void a_resumed_webhook_wants_events_again() {
        assertThat(registered().pause(LATER).resume(LATER).wants(AGENT, CONVERSATION_STARTED))
                .isTrue();
    }

    @Test
    void a_restored_webhook_equals_the_one_that_was_stored() {
        Webhook stored = registered().rename(new WebhookName("Billing"), LATER);

        Webhook restored = Webhook.restore(
                stored.id(),
                stored.workspaceId(),
                stored.name(),
                stored.agentId(),
                stored.url(),
                stored.secret(),
                stored.events(),
                stored.active(),
                stored.createdAt(),
                stored.updatedAt());

        assertThat(restored).isEqualTo(stored).hasSameHashCodeAs(stored);
        assertThat(restored.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void a_changed_webhook_no_longer_equals_the_original() {
        Webhook before = registered();

        assertThat(before.pause(LATER)).isNotEqualTo(before);
        assertThat(before.replaceSecret(Secret.generate(), CREATED)).isNotEqualTo(before);
    }

    @Test
    void its_text_form_never_shows_the_secret() {
        Webhook webhook = registered();

        assertThat(webhook.toString())
                .doesNotContain(SECRET.reveal())
                .contains(webhook.id().value())
                .contains("active");
        assertThat(webhook.pause(LATER).toString()).contains("paused");
    }

    @Test
    void rotating_with_a_grace_period_keeps_the_old_secret_signing_until_it_ends() {
        Webhook before = registered();
        Secret fresh = Secret.generate();

        Webhook rotated = before.rotateSecret(fresh, Duration.ofHours(24), LATER);

        assertSameWebhookMovedOn(before, rotated);
        assertThat(rotated.secret()).isEqualTo(fresh);
        assertThat(rotated.previousSecret()).contains(new PreviousSecret(SECRET, LATER.plus(Duration.ofHours(24))));
        assertThat(rotated.signingSecrets().validAt(LATER.plus(Duration.ofHours(23))))
                .containsExactly(fresh, SECRET);
        assertThat(rotated.signingSecrets().validAt(LATER.plus(Duration.ofHours(24))))
                .containsExactly(fresh);
    }

    @Test
    void rotating_without_a_grace_period_keeps_no_previous_secret() {
        Webhook rotated = registered().rotateSecret(Secret.generate(), Duration.ZERO, LATER);

        assertThat(rotated.previousSecret()).isEmpty();
    }

    @Test
    void rotating_again_during_an_overlap_keeps_only_the_newest_previous_secret() {
        Secret second = Secret.generate();
        Secret third = Secret.generate();
        Webhook twice = registered()
                .rotateSecret(second, Duration.ofHours(24), LATER)
                .rotateSecret(third, Duration.ofHours(1), LATER.plusSeconds(60));

        assertThat(twice.signingSecrets().validAt(LATER.plusSeconds(61))).containsExactly(third, second);
    }

    @Test
    void replacing_the_secret_ends_an_overlap_at_once_but_other_changes_keep_it() {
        Webhook rotated = registered().rotateSecret(Secret.generate(), Duration.ofHours(24), LATER);

        assertThat(rotated.rename(new WebhookName("Renamed"), LATER).previousSecret())
                .isEqualTo(rotated.previousSecret());
        assertThat(rotated.replaceSecret(Secret.generate(), LATER).previousSecret())
                .isEmpty();
    }
}
