package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.port.in.ReplayWebhookCommand;
import org.agenthooks.application.port.in.ReplayWebhookUseCase;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.query.ReplayOutcome;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.webhook.Webhook;
import org.junit.jupiter.api.Test;

class ReplayWebhookServiceTest {
    private final RecoveryScenario given = new RecoveryScenario();
    private final ReplayWebhookService replays = new ReplayWebhookService(given.webhooks, given.history, given.clock);
    private final Instant t0 = given.clock.instant();

    @Test
    void every_event_of_the_window_goes_again_as_a_new_delivery_with_the_same_event_id_due_now() {
        AgentEvent before = given.sent(t0, true);
        AgentEvent failed = given.sent(t0.plusSeconds(60), false);
        AgentEvent succeeded = given.sent(t0.plusSeconds(120), true);
        AgentEvent after = given.sent(t0.plusSeconds(180), true);
        given.clock.advance(Duration.ofHours(1));

        ReplayOutcome outcome = replays.replay(window(t0.plusSeconds(60), t0.plusSeconds(180), Optional.empty()));

        assertThat(outcome).isEqualTo(new ReplayOutcome(2, Optional.empty()));
        assertThat(given.deliveries.forEvent(WORKSPACE, failed.id())).hasSize(2);
        assertThat(given.deliveries.forEvent(WORKSPACE, succeeded.id())).hasSize(2);
        assertThat(given.deliveries.forEvent(WORKSPACE, before.id())).hasSize(1);
        assertThat(given.deliveries.forEvent(WORKSPACE, after.id())).hasSize(1);
        Instant now = given.clock.instant();
        List<DeliveryJob> due = given.deliveries.claimDue(now, now.plusSeconds(60), 10);
        assertThat(due)
                .extracting(job -> job.delivery().eventId())
                .containsExactlyInAnyOrder(failed.id(), succeeded.id());
        assertThat(due).allSatisfy(job -> assertThat(job.delivery().webhookId()).isEqualTo(given.webhook.id()));
    }

    @Test
    void status_failed_replays_only_the_events_whose_latest_delivery_failed() {
        given.sent(t0, true);
        AgentEvent failed = given.sent(t0.plusSeconds(1), false);

        ReplayOutcome outcome = replays.replay(window(t0, t0.plusSeconds(10), Optional.of(DeliveryStatus.FAILED)));

        assertThat(outcome.replayed()).isEqualTo(1);
        assertThat(given.deliveries.forEvent(WORKSPACE, failed.id()))
                .extracting(Delivery::status)
                .containsExactlyInAnyOrder(DeliveryStatus.FAILED, DeliveryStatus.PENDING);
    }

    @Test
    void a_window_across_the_retention_edge_replays_only_what_retention_kept() {
        given.sent(t0, false);
        AgentEvent kept = given.sent(t0.plus(Duration.ofDays(20)), false);
        given.clock.advance(Duration.ofDays(35));
        new RetentionService(given.events, given.clock, Duration.ofDays(30)).purgeExpired();

        ReplayOutcome outcome =
                replays.replay(window(t0.minus(Duration.ofDays(1)), given.clock.instant(), Optional.empty()));

        assertThat(outcome.replayed()).isEqualTo(1);
        assertThat(given.deliveries.forEvent(WORKSPACE, kept.id())).hasSize(2);
    }

    @Test
    void the_same_idempotency_key_replays_nothing_twice() {
        AgentEvent event = given.sent(t0, false);
        ReplayWebhookCommand command = new ReplayWebhookCommand(
                WORKSPACE,
                given.webhook.id(),
                t0,
                t0.plusSeconds(1),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new IdempotencyKey("after-the-outage")));

        ReplayOutcome first = replays.replay(command);
        ReplayOutcome repeat = replays.replay(command);

        assertThat(first.replayed()).isEqualTo(1);
        assertThat(repeat).isEqualTo(first);
        assertThat(given.deliveries.forEvent(WORKSPACE, event.id())).hasSize(2);
    }

    @Test
    void more_than_the_bound_is_replayed_in_calls_that_follow_the_cursor() {
        int total = ReplayWebhookUseCase.MAX_EVENTS + 3;
        for (int i = 0; i < total; i++) {
            given.sent(t0.plusMillis(i), true);
        }
        Instant until = t0.plusSeconds(3600);

        ReplayOutcome first = replays.replay(window(t0, until, Optional.empty()));
        ReplayOutcome second = replays.replay(new ReplayWebhookCommand(
                WORKSPACE, given.webhook.id(), t0, until, Optional.empty(), first.nextCursor(), Optional.empty()));

        assertThat(first.replayed()).isEqualTo(ReplayWebhookUseCase.MAX_EVENTS);
        assertThat(first.nextCursor()).isPresent();
        assertThat(second).isEqualTo(new ReplayOutcome(3, Optional.empty()));
    }

    @Test
    void another_workspaces_webhook_is_not_found_and_gets_nothing() {
        Webhook foreign = given.foreign;
        given.sent(t0, false, foreign);

        assertNotFound(
                "webhook",
                foreign.id().value(),
                () -> replays.replay(new ReplayWebhookCommand(
                        WORKSPACE,
                        foreign.id(),
                        t0,
                        t0.plusSeconds(1),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())));
    }

    @Test
    void a_window_that_ends_before_it_starts_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> window(t0, t0, Optional.empty()))
                .isInstanceOf(InvalidInputException.class);
    }

    private ReplayWebhookCommand window(Instant since, Instant until, Optional<DeliveryStatus> status) {
        return new ReplayWebhookCommand(
                WORKSPACE, given.webhook.id(), since, until, status, Optional.empty(), Optional.empty());
    }
}
