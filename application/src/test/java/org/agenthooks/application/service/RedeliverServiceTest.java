package org.agenthooks.application.service;

import static org.agenthooks.application.testing.DeliveryHarness.A_WHILE;
import static org.agenthooks.application.testing.DeliveryHarness.WITHIN;
import static org.agenthooks.application.testing.Eventually.eventually;
import static org.agenthooks.application.testing.Eventually.throughout;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.assertNotFound;
import static org.agenthooks.application.testing.ScriptedWebhookSender.ok;
import static org.agenthooks.application.testing.ScriptedWebhookSender.status;
import static org.agenthooks.domain.event.EventType.CONVERSATION_ENDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.agenthooks.application.port.in.DeliveryDetails;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.application.testing.DeliveryHarness;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryInFlightException;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.EventId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedeliverServiceTest {
    private final DeliveryHarness world = new DeliveryHarness();
    private EventId eventId;
    private Delivery failed;

    @BeforeEach
    void a_delivery_has_failed_every_scheduled_attempt() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.otherwiseAnswer(status(500));
        eventId = world.ingest(CONVERSATION_ENDED).eventId();
        eventually(
                WITHIN, () -> assertThat(world.onlyDeliveryOf(eventId).status()).isEqualTo(DeliveryStatus.FAILED));
        failed = world.onlyDeliveryOf(eventId);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(world.sender.count()).isEqualTo(3);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void a_redelivered_failed_delivery_is_pending_and_due_now() {
        world.sender.hold();
        Instant before = world.clock.instant().minusNanos(1_000);

        Delivery redelivered = world.redeliver.redeliver(WORKSPACE, failed.id());

        assertThat(redelivered.id()).isEqualTo(failed.id());
        assertThat(redelivered.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(redelivered.attempts()).isEqualTo(3);
        assertThat(redelivered.nextAttemptAt().orElseThrow()).isBetween(before, world.clock.instant());
    }

    @Test
    void a_failed_delivery_gets_one_more_attempt_at_once_and_can_succeed() {
        world.sender.otherwiseAnswer(ok());

        world.redeliver.redeliver(WORKSPACE, failed.id());

        eventually(
                WITHIN,
                () -> assertThat(world.details(failed.id()).delivery().status()).isEqualTo(DeliveryStatus.SUCCEEDED));
        DeliveryDetails details = world.details(failed.id());
        assertThat(details.delivery().attempts()).isEqualTo(4);
        assertThat(details.attempts()).extracting(Attempt::number).containsExactly(1, 2, 3, 4);
        assertThat(world.sender.count()).isEqualTo(4);
    }

    @Test
    void a_redelivery_that_fails_again_is_failed_again_after_that_one_attempt() {
        world.redeliver.redeliver(WORKSPACE, failed.id());

        eventually(
                WITHIN,
                () -> assertThat(world.details(failed.id()).delivery().attempts())
                        .isEqualTo(4));
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isEqualTo(4));
        Delivery after = world.details(failed.id()).delivery();
        assertThat(after.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(after.nextAttemptAt()).isEmpty();
    }

    @Test
    void the_redelivery_carries_the_same_webhook_id_and_body_as_the_first_attempt() {
        world.sender.otherwiseAnswer(ok());

        world.redeliver.redeliver(WORKSPACE, failed.id());

        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(4));
        List<OutboundRequest> requests = world.sender.requests();
        assertThat(requests.getLast().headers()).containsEntry("webhook-id", eventId.value());
        assertThat(requests.getLast().body()).isEqualTo(requests.getFirst().body());
    }

    @Test
    void a_redeliver_while_an_attempt_is_under_way_is_refused_and_sends_nothing_more() {
        world.sender.hold();
        world.redeliver.redeliver(WORKSPACE, failed.id());
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(4));

        assertThatThrownBy(() -> world.redeliver.redeliver(WORKSPACE, failed.id()))
                .isInstanceOfSatisfying(
                        DeliveryInFlightException.class,
                        e -> assertThat(e.deliveryId()).isEqualTo(failed.id()));

        throughout(A_WHILE, () -> assertThat(world.sender.count()).isEqualTo(4));
        world.sender.release();
        eventually(
                WITHIN,
                () -> assertThat(world.details(failed.id()).delivery().attempts())
                        .isEqualTo(4));
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isEqualTo(4));
    }

    @Test
    void another_workspace_cannot_redeliver_it() {
        assertNotFound("delivery", failed.id().value(), () -> world.redeliver.redeliver(OTHER_WORKSPACE, failed.id()));

        throughout(A_WHILE, () -> assertThat(world.sender.count()).isEqualTo(3));
        assertThat(world.details(failed.id()).delivery()).isEqualTo(failed);
    }

    @Test
    void an_unknown_delivery_is_not_found() {
        DeliveryId unknown = DeliveryId.random();

        assertNotFound("delivery", unknown.value(), () -> world.redeliver.redeliver(WORKSPACE, unknown));
    }
}
