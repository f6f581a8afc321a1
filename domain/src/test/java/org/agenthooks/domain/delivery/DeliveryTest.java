package org.agenthooks.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

class DeliveryTest {
    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00.123456Z");
    private static final Instant LATER = CREATED.plusMillis(250);
    private static final WebhookId WEBHOOK = new WebhookId("wh_0123456789abcDEF");
    private static final AgentEvent EVENT = new AgentEvent(
            new EventId("evt_0123456789abcdefABCDEF"),
            new WorkspaceId("org_aaaaaaaaaaaaaaaa"),
            new AgentId("D5D0p7TUs66TTAEAx"),
            EventType.CONVERSATION_ENDED,
            Optional.empty(),
            new EventData("{}"),
            CREATED);
    private static final RetrySchedule SCHEDULE = RetrySchedule.STANDARD;
    private static final DoubleSupplier NO_JITTER = () -> 0.0;

    private static AttemptResult status(int code) {
        return AttemptResult.answered(code, Optional.empty(), Duration.ofMillis(12), "body");
    }

    private static AttemptResult refused() {
        return AttemptResult.unreachable("connection refused", Duration.ofMillis(3));
    }

    private static Delivery fresh() {
        return Delivery.of(EVENT, WEBHOOK, CREATED);
    }

    private static Delivery failedEveryTime() {
        Delivery delivery = fresh();
        for (int i = 0; i < SCHEDULE.maxAttempts(); i++) {
            delivery = delivery.after(status(500), SCHEDULE, LATER, NO_JITTER);
        }
        return delivery;
    }

    @Test
    void a_new_delivery_is_pending_and_due_at_once_with_no_attempts() {
        Delivery delivery = fresh();

        assertThat(DeliveryId.isWellFormed(delivery.id().value())).isTrue();
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.nextAttemptAt()).contains(CREATED);
        assertThat(delivery.attempts()).isZero();
        assertThat(delivery.lastStatusCode()).isEmpty();
        assertThat(delivery.createdAt()).isEqualTo(CREATED);
        assertThat(delivery.updatedAt()).isEqualTo(CREATED);
    }

    @Test
    void a_new_delivery_takes_workspace_event_and_type_from_its_event_and_the_webhook_given() {
        Delivery delivery = fresh();

        assertThat(delivery.workspaceId()).isEqualTo(EVENT.workspaceId());
        assertThat(delivery.eventId()).isEqualTo(EVENT.id());
        assertThat(delivery.eventType()).isEqualTo(EventType.CONVERSATION_ENDED);
        assertThat(delivery.webhookId()).isEqualTo(WEBHOOK);
        assertThat(fresh().id()).isNotEqualTo(delivery.id());
    }

    @Test
    void a_2xx_answer_makes_it_succeeded_with_no_next_attempt() {
        Delivery after = fresh().after(status(204), SCHEDULE, LATER, NO_JITTER);

        assertThat(after.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(after.nextAttemptAt()).isEmpty();
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.lastStatusCode()).contains(204);
        assertThat(after.updatedAt()).isEqualTo(LATER);
        assertThat(after.createdAt()).isEqualTo(CREATED);
    }

    @Test
    void an_attempt_keeps_the_identity_of_the_delivery() {
        Delivery before = fresh();

        Delivery after = before.after(status(500), SCHEDULE, LATER, NO_JITTER);

        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.webhookId()).isEqualTo(before.webhookId());
        assertThat(after.eventId()).isEqualTo(before.eventId());
        assertThat(before.attempts()).isZero();
        assertThat(before.status()).isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void a_410_gone_makes_it_failed_at_once_although_retries_are_left() {
        Delivery after = fresh().after(status(410), SCHEDULE, LATER, NO_JITTER);

        assertThat(after.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(after.nextAttemptAt()).isEmpty();
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.lastStatusCode()).contains(410);
    }

    @Test
    void a_failure_leaves_it_pending_until_the_next_scheduled_wait_has_passed() {
        Delivery after = fresh().after(status(500), SCHEDULE, LATER, NO_JITTER);

        assertThat(after.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(after.nextAttemptAt()).contains(LATER.plusSeconds(5));
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.lastStatusCode()).contains(500);
    }

    @Test
    void a_failure_with_retry_after_waits_as_long_as_the_receiver_asked_within_the_bounds() {
        AttemptResult busy = AttemptResult.answered(503, Optional.of(Duration.ofSeconds(8)), Duration.ofMillis(5), "");

        Delivery after = fresh().after(busy, SCHEDULE, LATER, NO_JITTER);

        assertThat(after.nextAttemptAt()).contains(LATER.plusSeconds(8));
    }

    @Test
    void jitter_moves_the_next_attempt_later() {
        Delivery after = fresh().after(status(500), SCHEDULE, LATER, () -> 0.5);

        assertThat(after.nextAttemptAt()).contains(LATER.plusMillis(5_250));
    }

    @Test
    void an_unreachable_receiver_is_a_failure_with_no_status_code() {
        Delivery after = fresh().after(refused(), SCHEDULE, LATER, NO_JITTER);

        assertThat(after.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(after.lastStatusCode()).isEmpty();
        assertThat(after.attempts()).isEqualTo(1);
    }

    @Test
    void the_last_status_code_is_always_the_last_attempts() {
        Delivery once = fresh().after(status(500), SCHEDULE, LATER, NO_JITTER);
        Delivery twice = once.after(refused(), SCHEDULE, LATER, NO_JITTER);
        Delivery thrice = twice.after(status(302), SCHEDULE, LATER, NO_JITTER);

        assertThat(once.lastStatusCode()).contains(500);
        assertThat(twice.lastStatusCode()).isEmpty();
        assertThat(thrice.lastStatusCode()).contains(302);
        assertThat(thrice.attempts()).isEqualTo(3);
    }

    @Test
    void each_failure_waits_the_next_wait_of_the_schedule() {
        Delivery delivery = fresh();
        Instant now = CREATED;
        List<Duration> waits = new ArrayList<>();
        for (int i = 1; i < SCHEDULE.maxAttempts(); i++) {
            delivery = delivery.after(status(500), SCHEDULE, now, NO_JITTER);
            waits.add(Duration.between(now, delivery.nextAttemptAt().orElseThrow()));
            now = delivery.nextAttemptAt().orElseThrow();
        }

        assertThat(waits).isEqualTo(SCHEDULE.waits().subList(1, 8));
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.attempts()).isEqualTo(7);
    }

    @Test
    void a_failure_of_the_last_scheduled_attempt_makes_it_failed() {
        Delivery delivery = failedEveryTime();

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.nextAttemptAt()).isEmpty();
        assertThat(delivery.attempts()).isEqualTo(8);
        assertThat(delivery.lastStatusCode()).contains(500);
    }

    @Test
    void a_success_on_the_last_scheduled_attempt_still_succeeds() {
        Delivery delivery = fresh();
        for (int i = 1; i < SCHEDULE.maxAttempts(); i++) {
            delivery = delivery.after(status(500), SCHEDULE, LATER, NO_JITTER);
        }

        Delivery last = delivery.after(status(200), SCHEDULE, LATER, NO_JITTER);

        assertThat(last.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(last.attempts()).isEqualTo(8);
    }

    @Test
    void a_redelivered_failed_delivery_is_pending_and_due_now_and_keeps_its_history() {
        Delivery failed = failedEveryTime();
        Instant now = LATER.plusSeconds(3600);

        Delivery redelivered = failed.redeliver(now);

        assertThat(redelivered.id()).isEqualTo(failed.id());
        assertThat(redelivered.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(redelivered.nextAttemptAt()).contains(now);
        assertThat(redelivered.attempts()).isEqualTo(8);
        assertThat(redelivered.lastStatusCode()).contains(500);
        assertThat(redelivered.createdAt()).isEqualTo(CREATED);
        assertThat(redelivered.updatedAt()).isEqualTo(now);
    }

    @Test
    void a_redelivered_spent_delivery_that_fails_again_is_failed_again() {
        Delivery again = failedEveryTime().redeliver(LATER).after(status(503), SCHEDULE, LATER, NO_JITTER);

        assertThat(again.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(again.nextAttemptAt()).isEmpty();
        assertThat(again.attempts()).isEqualTo(9);
        assertThat(again.lastStatusCode()).contains(503);
    }

    @Test
    void a_redelivered_spent_delivery_that_now_gets_through_succeeds() {
        Delivery through = failedEveryTime().redeliver(LATER).after(status(200), SCHEDULE, LATER, NO_JITTER);

        assertThat(through.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(through.attempts()).isEqualTo(9);
    }

    @Test
    void a_redelivered_succeeded_delivery_is_due_again() {
        Delivery succeeded = fresh().after(status(200), SCHEDULE, LATER, NO_JITTER);

        Delivery redelivered = succeeded.redeliver(LATER);

        assertThat(redelivered.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(redelivered.nextAttemptAt()).contains(LATER);
    }

    @Test
    void exactly_the_pending_deliveries_have_a_next_attempt() {
        Delivery valid = fresh();

        assertThatThrownBy(() -> with(valid, DeliveryStatus.PENDING, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> with(valid, DeliveryStatus.SUCCEEDED, Optional.of(LATER)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> with(valid, DeliveryStatus.FAILED, Optional.of(LATER)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(with(valid, DeliveryStatus.SUCCEEDED, Optional.empty()).status())
                .isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(with(valid, DeliveryStatus.FAILED, Optional.empty()).status())
                .isEqualTo(DeliveryStatus.FAILED);
    }

    @Test
    void every_state_an_attempt_leads_to_keeps_the_invariant() {
        List<AttemptResult> results = List.of(status(200), status(410), status(500), refused(), status(429));
        for (AttemptResult result : results) {
            Delivery delivery = fresh();
            for (int i = 0; i < SCHEDULE.maxAttempts() + 1; i++) {
                delivery = delivery.redeliver(LATER).after(result, SCHEDULE, LATER, NO_JITTER);

                assertThat(delivery.nextAttemptAt().isPresent()).isEqualTo(delivery.status() == DeliveryStatus.PENDING);
            }
        }
    }

    private static Delivery with(Delivery d, DeliveryStatus status, Optional<Instant> nextAttemptAt) {
        return new Delivery(
                d.id(),
                d.workspaceId(),
                d.webhookId(),
                d.eventId(),
                d.eventType(),
                status,
                d.attempts(),
                d.lastStatusCode(),
                nextAttemptAt,
                d.createdAt(),
                d.updatedAt());
    }

    @Test
    void delivery_statuses_have_lower_case_wire_names() {
        assertThat(DeliveryStatus.PENDING.wireName()).isEqualTo("pending");
        assertThat(DeliveryStatus.fromWireName("failed")).contains(DeliveryStatus.FAILED);
        assertThat(DeliveryStatus.fromWireName("FAILED")).isEmpty();
    }
}
