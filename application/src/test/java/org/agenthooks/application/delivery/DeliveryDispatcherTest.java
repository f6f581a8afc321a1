package org.agenthooks.application.delivery;

import static org.agenthooks.application.testing.DeliveryHarness.A_WHILE;
import static org.agenthooks.application.testing.DeliveryHarness.SHORT_SCHEDULE;
import static org.agenthooks.application.testing.DeliveryHarness.WITHIN;
import static org.agenthooks.application.testing.Eventually.eventually;
import static org.agenthooks.application.testing.Eventually.throughout;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.ScriptedWebhookSender.refused;
import static org.agenthooks.application.testing.ScriptedWebhookSender.status;
import static org.agenthooks.domain.event.EventType.CONVERSATION_ENDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.port.in.DeliveryDetails;
import org.agenthooks.application.port.in.IngestedEvent;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.application.testing.DeliveryHarness;
import org.agenthooks.application.testing.Fixtures;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.delivery.WebhookHeaders;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookDefinition;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryDispatcherTest {
    private DeliveryHarness world = new DeliveryHarness();

    @AfterEach
    void stop() {
        world.close();
    }

    private void restartWith(int maxInFlightPerEndpoint, Duration pollInterval) {
        world.close();
        world = new DeliveryHarness(maxInFlightPerEndpoint, pollInterval);
    }

    private DeliveryDetails detailsOfOnlyDelivery(IngestedEvent ingested) {
        return world.details(world.onlyDeliveryOf(ingested.eventId()).id());
    }

    private static Duration between(Attempt earlier, Attempt later) {
        return Duration.between(earlier.startedAt(), later.startedAt());
    }

    @Test
    void a_new_delivery_is_attempted_at_once_not_at_the_next_poll() {
        restartWith(8, Duration.ofMinutes(10));
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        eventually(
                Duration.ofSeconds(2),
                () -> assertThat(detailsOfOnlyDelivery(ingested).delivery().status())
                        .isEqualTo(DeliveryStatus.SUCCEEDED));
    }

    @Test
    void a_failed_attempt_is_retried_and_the_delivery_succeeds_with_the_same_webhook_id_and_body() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.answer(status(500));

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        eventually(
                WITHIN,
                () -> assertThat(detailsOfOnlyDelivery(ingested).delivery().status())
                        .isEqualTo(DeliveryStatus.SUCCEEDED));
        DeliveryDetails details = detailsOfOnlyDelivery(ingested);
        assertThat(details.delivery().attempts()).isEqualTo(2);
        assertThat(details.delivery().lastStatusCode()).contains(200);
        assertThat(details.delivery().nextAttemptAt()).isEmpty();
        assertThat(details.attempts()).extracting(Attempt::number).containsExactly(1, 2);
        assertThat(details.attempts())
                .extracting(attempt -> attempt.result().statusCode())
                .containsExactly(Optional.of(500), Optional.of(200));
        List<OutboundRequest> requests = world.sender.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests)
                .extracting(request -> request.headers().get("webhook-id"))
                .containsExactly(ingested.eventId().value(), ingested.eventId().value());
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
    }

    @Test
    void a_retry_waits_the_scheduled_wait() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.answer(status(500));

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        eventually(
                WITHIN,
                () -> assertThat(detailsOfOnlyDelivery(ingested).attempts()).hasSize(2));
        List<Attempt> attempts = detailsOfOnlyDelivery(ingested).attempts();
        assertThat(between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void a_receiver_that_always_fails_gets_as_many_attempts_as_the_schedule_has_and_then_no_more() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.otherwiseAnswer(status(500));

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        eventually(
                WITHIN,
                () -> assertThat(detailsOfOnlyDelivery(ingested).delivery().status())
                        .isEqualTo(DeliveryStatus.FAILED));
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isEqualTo(SHORT_SCHEDULE.maxAttempts()));
        DeliveryDetails details = detailsOfOnlyDelivery(ingested);
        assertThat(details.delivery().attempts()).isEqualTo(3);
        assertThat(details.delivery().lastStatusCode()).contains(500);
        assertThat(details.delivery().nextAttemptAt()).isEmpty();
        assertThat(details.attempts()).extracting(Attempt::number).containsExactly(1, 2, 3);
    }

    @Test
    void an_unreachable_receiver_is_retried_and_its_attempt_keeps_the_error() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.answer(refused());

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        eventually(
                WITHIN,
                () -> assertThat(detailsOfOnlyDelivery(ingested).delivery().status())
                        .isEqualTo(DeliveryStatus.SUCCEEDED));
        Attempt first = detailsOfOnlyDelivery(ingested).attempts().getFirst();
        assertThat(first.result().statusCode()).isEmpty();
        assertThat(first.result().error()).contains("connection refused");
    }

    @Test
    void a_410_gone_fails_the_delivery_at_once_and_makes_the_webhook_inactive() {
        Webhook webhook = world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.answer(status(410));

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        eventually(
                WITHIN,
                () -> assertThat(world.webhooks
                                .find(WORKSPACE, webhook.id())
                                .orElseThrow()
                                .active())
                        .isFalse());
        Delivery delivery = detailsOfOnlyDelivery(ingested).delivery();
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatusCode()).contains(410);
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isEqualTo(1));
    }

    @Test
    void after_a_410_later_events_pass_the_webhook_by() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.answer(status(410));
        IngestedEvent gone = world.ingest(CONVERSATION_ENDED);
        eventually(
                WITHIN,
                () -> assertThat(detailsOfOnlyDelivery(gone).delivery().status())
                        .isEqualTo(DeliveryStatus.FAILED));
        eventually(
                WITHIN,
                () -> assertThat(world.webhooks.activeFor(WORKSPACE, Fixtures.AGENT))
                        .isEmpty());

        IngestedEvent later = world.ingest(CONVERSATION_ENDED);

        assertThat(later.deliveries()).isZero();
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isEqualTo(1));
    }

    @Test
    void a_retry_after_longer_than_the_scheduled_wait_is_respected() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.answer(status(503, Duration.ofMillis(90)));

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        eventually(
                WITHIN,
                () -> assertThat(detailsOfOnlyDelivery(ingested).delivery().status())
                        .isEqualTo(DeliveryStatus.SUCCEEDED));
        List<Attempt> attempts = detailsOfOnlyDelivery(ingested).attempts();
        assertThat(attempts).hasSize(2);
        assertThat(between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(90));
    }

    @Test
    void a_retry_after_beyond_twice_the_scheduled_wait_is_cut_to_twice_the_wait() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.answer(status(429, Duration.ofHours(1)));

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        eventually(
                WITHIN,
                () -> assertThat(detailsOfOnlyDelivery(ingested).delivery().status())
                        .isEqualTo(DeliveryStatus.SUCCEEDED));
        List<Attempt> attempts = detailsOfOnlyDelivery(ingested).attempts();
        assertThat(between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void a_retry_after_shorter_than_the_scheduled_wait_does_not_hurry_the_retry() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.answer(status(503, Duration.ofMillis(1)));

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        eventually(
                WITHIN,
                () -> assertThat(detailsOfOnlyDelivery(ingested).attempts()).hasSize(2));
        List<Attempt> attempts = detailsOfOnlyDelivery(ingested).attempts();
        assertThat(between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void a_pending_retry_of_a_webhook_paused_meanwhile_is_not_attempted() {
        Webhook webhook = world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.answer(status(500));
        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);
        world.webhooks.update(webhook.pause(world.clock.instant()));

        // The first attempt may have started before the pause, or been stopped by it; no retry follows.
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isLessThanOrEqualTo(1));
        assertThat(detailsOfOnlyDelivery(ingested).attempts()).hasSizeLessThanOrEqualTo(1);
        assertThat(detailsOfOnlyDelivery(ingested).delivery().status()).isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void one_endpoint_gets_no_more_attempts_at_once_than_its_lane_allows() {
        restartWith(1, Duration.ofMillis(20));
        world.webhook("https://same.example.com/a", CONVERSATION_ENDED);
        world.webhook("https://same.example.com/b", CONVERSATION_ENDED);
        world.sender.hold();

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        throughout(A_WHILE, () -> assertThat(world.sender.count()).isLessThanOrEqualTo(1));
        world.sender.release();
        eventually(
                WITHIN,
                () -> assertThat(world.deliveriesOf(ingested.eventId()))
                        .extracting(Delivery::status)
                        .containsOnly(DeliveryStatus.SUCCEEDED));
        assertThat(world.sender.count()).isEqualTo(2);
    }

    @Test
    void a_slow_endpoint_does_not_hold_up_another() {
        restartWith(1, Duration.ofMillis(20));
        world.webhook("https://slow.example.com/hooks", CONVERSATION_ENDED);
        world.webhook("https://fast.example.com/hooks", CONVERSATION_ENDED);
        world.sender.hold();

        world.ingest(CONVERSATION_ENDED);

        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(2));
    }

    @Test
    void closing_stores_the_outcome_of_an_attempt_still_in_flight() throws InterruptedException {
        world.tap.delayRecording(Duration.ofMillis(150));
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.hold();
        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(1));
        Thread releaser = Thread.ofVirtual().start(() -> {
            sleep(Duration.ofMillis(100));
            world.sender.release();
        });

        world.dispatcher.close();

        releaser.join();
        DeliveryDetails details = detailsOfOnlyDelivery(ingested);
        assertThat(details.attempts()).hasSize(1);
        assertThat(details.delivery().status()).isEqualTo(DeliveryStatus.SUCCEEDED);
    }

    @Test
    void closing_hands_back_deliveries_that_had_not_started() throws InterruptedException {
        restartWith(1, Duration.ofMillis(20));
        world.webhook("https://same.example.com/a", CONVERSATION_ENDED);
        world.webhook("https://same.example.com/b", CONVERSATION_ENDED);
        world.sender.hold();
        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(1));
        assertThat(world.deliveries.claimDue(world.clock.instant(), world.clock.instant(), 10))
                .isEmpty();
        Thread releaser = Thread.ofVirtual().start(() -> {
            sleep(Duration.ofMillis(100));
            world.sender.release();
        });

        world.dispatcher.close();

        releaser.join();
        String started = world.sender.requests().getFirst().url().value();
        List<DeliveryJob> claimable = world.deliveries.claimDue(world.clock.instant(), world.clock.instant(), 10);
        assertThat(claimable).hasSize(1);
        assertThat(claimable.getFirst().url().value()).isNotEqualTo(started);
        assertThat(claimable.getFirst().delivery().attempts()).isZero();
        assertThat(world.deliveriesOf(ingested.eventId()))
                .extracting(Delivery::status)
                .containsExactlyInAnyOrder(DeliveryStatus.SUCCEEDED, DeliveryStatus.PENDING);
        assertThat(world.sender.count()).isEqualTo(1);
    }

    @Test
    void closing_hands_back_an_attempt_cut_short_by_the_stop_without_counting_it_as_failed() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.hold();
        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(1));

        // The sender never answers, so the attempt is interrupted once the grace is over.
        world.dispatcher.close();

        DeliveryDetails details = detailsOfOnlyDelivery(ingested);
        assertThat(details.attempts()).isEmpty();
        assertThat(details.delivery().attempts()).isZero();
        assertThat(details.delivery().status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(world.deliveries.claimDue(world.clock.instant(), world.clock.instant(), 10))
                .as("released, so claimable at once rather than when its lease runs out")
                .extracting(job -> job.delivery().id())
                .containsExactly(details.delivery().id());
    }

    @Test
    void an_attempt_that_throws_an_error_is_attempted_again_once_its_lease_runs_out() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.failNextWith(new AssertionError("a bug in the sender"));
        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(1));
        sleep(A_WHILE); // for the attempt to end with its error

        world.clock.advance(Duration.ofSeconds(31));

        eventually(
                WITHIN,
                () -> assertThat(detailsOfOnlyDelivery(ingested).delivery().status())
                        .isEqualTo(DeliveryStatus.SUCCEEDED));
        assertThat(world.sender.count()).isEqualTo(2);
        assertThat(detailsOfOnlyDelivery(ingested).attempts()).hasSize(1);
    }

    @Test
    void a_delivery_claimed_by_a_poll_that_ends_during_closing_is_not_stranded() throws InterruptedException {
        Webhook webhook = world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.tap.holdClaims();
        eventually(WITHIN, () -> assertThat(world.tap.claimsWaiting()).isEqualTo(1));
        Delivery due = appendDueUnleased(webhook);
        Thread closer = Thread.ofVirtual().start(world.dispatcher::close);
        // Time for close() to drain the lanes and stop the attempts, unless it waits for the poll to end.
        closer.join(Duration.ofMillis(100));

        world.tap.releaseClaims();

        closer.join();
        eventually(
                WITHIN,
                () -> assertThat(world.tap.claimed())
                        .extracting(job -> job.delivery().id())
                        .contains(due.id()));
        eventually(
                WITHIN,
                () -> assertThat(world.details(due.id()).delivery().status() == DeliveryStatus.SUCCEEDED
                                || !world.deliveries
                                        .claimDue(world.clock.instant(), world.clock.instant(), 10)
                                        .isEmpty())
                        .as("attempted, or handed back for another process to claim")
                        .isTrue());
    }

    /** A delivery as one left by a process that died: due now and its lease over. */
    private Delivery appendDueUnleased(Webhook webhook) {
        Instant now = world.clock.instant();
        AgentEvent event = new AgentEvent(
                EventId.random(),
                WORKSPACE,
                webhook.agentId(),
                CONVERSATION_ENDED,
                Optional.empty(),
                new EventData("{}"),
                now.minusSeconds(60));
        Delivery delivery = Delivery.of(event, webhook.id(), now.minusSeconds(60));
        world.events.append(new NewEvent(event, Optional.empty(), now, List.of(delivery), now.minusSeconds(30)));
        return delivery;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void a_delivery_waiting_in_a_busy_lane_past_half_its_lease_keeps_its_lease_and_is_sent() {
        restartWith(1, Duration.ofMinutes(10));
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.hold();
        IngestedEvent first = world.ingest(CONVERSATION_ENDED);
        eventually(WITHIN, () -> assertThat(world.sender.requests()).hasSize(1));
        IngestedEvent second = world.ingest(CONVERSATION_ENDED);

        world.clock.advance(Duration.ofSeconds(16));
        world.sender.release();

        eventually(
                WITHIN,
                () -> assertThat(detailsOfOnlyDelivery(second).delivery().status())
                        .isEqualTo(DeliveryStatus.SUCCEEDED));
        assertThat(detailsOfOnlyDelivery(first).delivery().status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(world.sender.requests()).hasSize(2);
    }

    @Test
    void a_delivery_whose_lease_another_process_took_while_it_waited_is_not_sent() {
        restartWith(1, Duration.ofMinutes(10));
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.hold();
        IngestedEvent first = world.ingest(CONVERSATION_ENDED);
        eventually(WITHIN, () -> assertThat(world.sender.requests()).hasSize(1));
        IngestedEvent second = world.ingest(CONVERSATION_ENDED);

        world.clock.advance(Duration.ofSeconds(31));
        Instant now = world.clock.instant();
        assertThat(world.deliveries.claimDue(now, now.plusSeconds(30), 10))
                .extracting(job -> job.delivery().id())
                .contains(world.onlyDeliveryOf(second.eventId()).id());
        world.sender.release();

        eventually(
                WITHIN,
                () -> assertThat(detailsOfOnlyDelivery(first).delivery().status())
                        .isEqualTo(DeliveryStatus.SUCCEEDED));
        throughout(A_WHILE, () -> assertThat(world.sender.requests()).hasSize(1));
        assertThat(detailsOfOnlyDelivery(second).delivery().status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(detailsOfOnlyDelivery(second).attempts()).isEmpty();
    }

    @Test
    void a_database_outage_longer_than_the_lease_neither_resends_nor_loses_a_success() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.tap.beginOutage();
        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);
        eventually(WITHIN, () -> assertThat(world.sender.requests()).hasSize(1));
        throughout(
                A_WHILE,
                () -> assertThat(world.onlyDeliveryOf(ingested.eventId()).attempts())
                        .isZero());

        world.clock.advance(Duration.ofSeconds(31));
        world.tap.endOutage();

        eventually(
                WITHIN,
                () -> assertThat(detailsOfOnlyDelivery(ingested).delivery().status())
                        .isEqualTo(DeliveryStatus.SUCCEEDED));
        throughout(A_WHILE, () -> assertThat(world.sender.requests()).hasSize(1));
        assertThat(detailsOfOnlyDelivery(ingested).attempts()).hasSize(1);
    }

    @Test
    void a_webhook_paused_while_its_delivery_waited_is_not_sent_to() {
        restartWith(1, Duration.ofMinutes(10));
        Webhook hook = world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.hold();
        IngestedEvent first = world.ingest(CONVERSATION_ENDED);
        eventually(WITHIN, () -> assertThat(world.sender.requests()).hasSize(1));
        IngestedEvent second = world.ingest(CONVERSATION_ENDED);

        world.webhooks.update(hook.pause(world.clock.instant()));
        world.clock.advance(Duration.ofSeconds(2));
        world.sender.release();

        eventually(
                WITHIN,
                () -> assertThat(detailsOfOnlyDelivery(first).delivery().status())
                        .isEqualTo(DeliveryStatus.SUCCEEDED));
        throughout(A_WHILE, () -> assertThat(world.sender.requests()).hasSize(1));
        assertThat(detailsOfOnlyDelivery(second).attempts()).isEmpty();
    }

    @Test
    void a_delivery_that_waited_is_sent_to_the_webhooks_current_url_signed_with_its_current_secret() {
        restartWith(1, Duration.ofMinutes(10));
        Webhook hook = world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.hold();
        world.ingest(CONVERSATION_ENDED);
        eventually(WITHIN, () -> assertThat(world.sender.requests()).hasSize(1));
        IngestedEvent second = world.ingest(CONVERSATION_ENDED);

        Webhook changed = hook.redefine(
                        new WebhookDefinition(
                                new WebhookName("moved"),
                                new WebhookUrl("https://one.example.com/new-hooks"),
                                hook.agentId(),
                                hook.secret(),
                                Subscriptions.of(CONVERSATION_ENDED),
                                true),
                        world.clock.instant())
                .rotateSecret(Secret.generate(), Duration.ZERO, world.clock.instant());
        world.webhooks.update(changed);
        world.clock.advance(Duration.ofSeconds(2));
        world.sender.release();

        eventually(WITHIN, () -> assertThat(world.sender.requests()).hasSize(2));
        OutboundRequest sent = world.sender.requests().get(1);
        assertThat(sent.url()).isEqualTo(changed.url());
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(sent.headers().get(WebhookHeaders.TIMESTAMP)));
        assertThat(sent.headers())
                .containsAllEntriesOf(WebhookHeaders.signed(
                                changed.signingSecrets(), second.eventId().value(), signedAt, sent.body())
                        .asMap());
    }
}
