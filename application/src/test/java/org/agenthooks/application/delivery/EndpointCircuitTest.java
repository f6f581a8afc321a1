package org.agenthooks.application.delivery;

import static org.agenthooks.application.testing.DeliveryHarness.A_WHILE;
import static org.agenthooks.application.testing.DeliveryHarness.WITHIN;
import static org.agenthooks.application.testing.Eventually.eventually;
import static org.agenthooks.application.testing.Eventually.throughout;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.ScriptedWebhookSender.ok;
import static org.agenthooks.application.testing.ScriptedWebhookSender.refused;
import static org.agenthooks.domain.event.EventType.CONVERSATION_ENDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.agenthooks.application.port.in.EndpointState;
import org.agenthooks.application.port.in.IngestedEvent;
import org.agenthooks.application.testing.DeliveryHarness;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher with a dead endpoint: its circuit opens, its deliveries wait in the store, one probe reopens it. */
class EndpointCircuitTest {
    private static final String ENDPOINT = "https://dead.example.com:443";
    /** The harness's claim batch. */
    private static final int CLAIM_BATCH = 100;

    private static final int BACKLOG = 1_000;
    private final DeliveryHarness world = new DeliveryHarness();

    @AfterEach
    void stop() {
        world.close();
    }

    private EndpointState state() {
        return world.dispatcher.endpointHealth(ENDPOINT).orElseThrow().state();
    }

    @Test
    void a_dead_endpoints_deliveries_are_postponed_in_the_store_then_one_probe_closes_the_circuit_and_all_arrive() {
        world.webhook("https://dead.example.com/hooks", CONVERSATION_ENDED);
        world.sender.otherwiseAnswer(refused());
        world.sender.hold();
        List<IngestedEvent> events = IntStream.range(0, 12)
                .mapToObj(i -> world.ingest(CONVERSATION_ENDED))
                .toList();
        world.sender.release();

        eventually(WITHIN, () -> {
            assertThat(state()).isEqualTo(EndpointState.OPEN);
            assertThat(world.tap.postponed()).isNotEmpty();
        });
        assertThat(world.metrics.circuitsOpened()).isEqualTo(1);
        assertThat(world.dispatcher.openEndpoints()).isEqualTo(1);
        DeliveryId postponed = world.tap.postponed().getFirst();
        eventually(
                WITHIN,
                () -> assertThat(world.deliveries
                                .find(WORKSPACE, postponed)
                                .orElseThrow()
                                .nextAttemptAt())
                        .as("due when the probe is, not now")
                        .hasValueSatisfying(due ->
                                assertThat(due).isAfter(world.clock.instant().plusSeconds(1))));
        int triedBeforeOpening = world.sender.count();
        throughout(
                A_WHILE,
                () -> assertThat(world.sender.count())
                        .as("retries due meanwhile are not tried while open")
                        .isEqualTo(triedBeforeOpening));

        world.sender.otherwiseAnswer(ok());
        world.sender.hold();
        world.clock.advance(CircuitBreaker.FIRST_OPENING);
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(triedBeforeOpening + 1));
        assertThat(state()).isEqualTo(EndpointState.HALF_OPEN);
        throughout(
                A_WHILE,
                () -> assertThat(world.sender.count()).as("one probe at a time").isEqualTo(triedBeforeOpening + 1));
        world.sender.release();
        eventually(WITHIN, () -> assertThat(state()).isEqualTo(EndpointState.CLOSED));

        world.clock.advance(CircuitBreaker.LONGEST_OPENING);
        eventually(
                WITHIN,
                () -> assertThat(events)
                        .extracting(event -> world.onlyDeliveryOf(event.eventId()))
                        .extracting(Delivery::status)
                        .containsOnly(DeliveryStatus.SUCCEEDED));
        assertThat(world.sender.requests().size() - triedBeforeOpening)
                .as("each delivery got through once")
                .isEqualTo(events.size());
    }

    @Test
    void when_the_opening_ends_the_dead_endpoints_backlog_stays_in_the_store_instead_of_being_claimed_and_postponed() {
        world.webhook("https://dead.example.com/hooks", CONVERSATION_ENDED);
        world.sender.otherwiseAnswer(refused());
        world.sender.hold();
        List<IngestedEvent> events = IntStream.range(0, BACKLOG)
                .mapToObj(i -> world.ingest(CONVERSATION_ENDED))
                .toList();
        world.sender.release();
        eventually(WITHIN, () -> {
            assertThat(state()).isEqualTo(EndpointState.OPEN);
            assertThat(events)
                    .extracting(event -> world.onlyDeliveryOf(event.eventId()))
                    .extracting(delivery -> delivery.nextAttemptAt().orElseThrow())
                    .as("the whole backlog due when the probe is")
                    .allSatisfy(
                            due -> assertThat(due).isAfter(world.clock.instant().plusSeconds(1)));
        });
        int claimedWhileOpen = world.tap.claimed().size();
        int postponedWhileOpen = world.tap.postponed().size();

        world.sender.hold();
        world.clock.advance(CircuitBreaker.FIRST_OPENING);
        int tried = world.sender.count();
        eventually(WITHIN, () -> assertThat(state()).isEqualTo(EndpointState.HALF_OPEN));
        throughout(A_WHILE, () -> {
            assertThat(world.tap.claimed().size() - claimedWhileOpen)
                    .as("claimed while the probe is out: one claim at most, not the backlog of " + BACKLOG)
                    .isLessThanOrEqualTo(CLAIM_BATCH);
            assertThat(world.tap.postponed().size() - postponedWhileOpen)
                    .as("postponed one by one while the probe is out")
                    .isLessThanOrEqualTo(CLAIM_BATCH);
        });
        assertThat(world.sender.count()).as("one probe").isLessThanOrEqualTo(tried + 1);

        world.sender.otherwiseAnswer(ok());
        world.sender.release();
        eventually(WITHIN, () -> assertThat(state()).isEqualTo(EndpointState.CLOSED));
        int triedBeforeRecovery = tried;
        world.clock.advance(CircuitBreaker.LONGEST_OPENING);
        eventually(
                WITHIN,
                () -> assertThat(events)
                        .extracting(event -> world.onlyDeliveryOf(event.eventId()))
                        .extracting(Delivery::status)
                        .containsOnly(DeliveryStatus.SUCCEEDED));
        assertThat(world.sender.requests().size() - triedBeforeRecovery)
                .as("each delivery got through once")
                .isEqualTo(events.size());
    }
}
