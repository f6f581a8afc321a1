package org.agenthooks.application.service;

import static org.agenthooks.application.testing.DeliveryHarness.A_WHILE;
import static org.agenthooks.application.testing.DeliveryHarness.WITHIN;
import static org.agenthooks.application.testing.DeliveryHarness.command;
import static org.agenthooks.application.testing.Eventually.eventually;
import static org.agenthooks.application.testing.Eventually.throughout;
import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.SECOND_AGENT;
import static org.agenthooks.application.testing.Fixtures.assertRejected;
import static org.agenthooks.domain.event.EventType.CONVERSATION_ENDED;
import static org.agenthooks.domain.event.EventType.CONVERSATION_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenthooks.application.port.in.BatchItemOutcome;
import org.agenthooks.application.port.in.BatchItemOutcome.Accepted;
import org.agenthooks.application.port.in.BatchItemOutcome.Refused;
import org.agenthooks.application.port.in.IngestEventBatchUseCase;
import org.agenthooks.application.port.in.IngestEventCommand;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.out.EventRepository;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.testing.DeliveryHarness;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.shared.FieldError;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The batch path of {@link IngestEventService}: every item under the single event's rules, one append for all. */
class IngestEventBatchTest {
    private static final AgentId UNKNOWN_AGENT = new AgentId("NoSuchAgent000001");

    private final DeliveryHarness world = new DeliveryHarness();

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void valid_events_are_accepted_and_delivered_beside_refused_ones_in_the_order_given() {
        Webhook hook = world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);

        List<BatchItemOutcome> outcomes = world.ingest.ingestAll(List.of(
                command(AGENT, CONVERSATION_ENDED, Optional.empty()),
                command(UNKNOWN_AGENT, CONVERSATION_ENDED, Optional.empty()),
                command(AGENT, CONVERSATION_STARTED, Optional.empty())));

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0))
                .isInstanceOfSatisfying(
                        Accepted.class,
                        accepted -> assertThat(accepted.event().deliveries()).isEqualTo(1));
        assertThat(outcomes.get(1))
                .isInstanceOfSatisfying(
                        Refused.class,
                        refused -> assertThat(refused.reason().errors())
                                .extracting(FieldError::field)
                                .containsExactly("agentId"));
        // Stored, though no webhook wants it: as a single ingest does.
        assertThat(outcomes.get(2))
                .isInstanceOfSatisfying(
                        Accepted.class,
                        accepted -> assertThat(accepted.event().deliveries()).isZero());
        EventId delivered = ((Accepted) outcomes.get(0)).event().eventId();
        eventually(
                WITHIN,
                () -> assertThat(world.sender.requests())
                        .singleElement()
                        .satisfies(request -> assertThat(request.url()).isEqualTo(hook.url())));
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isEqualTo(1));
        assertThat(world.sender.requests().getFirst().headers()).containsEntry("webhook-id", delivered.value());
        assertThat(world.metrics.ingested(CONVERSATION_ENDED)).isEqualTo(1);
        assertThat(world.metrics.ingested(CONVERSATION_STARTED)).isEqualTo(1);
    }

    @Test
    void each_agent_is_checked_per_item_in_a_batch_of_two_agents() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);

        List<BatchItemOutcome> outcomes = world.ingest.ingestAll(List.of(
                command(SECOND_AGENT, CONVERSATION_ENDED, Optional.empty()),
                command(UNKNOWN_AGENT, CONVERSATION_ENDED, Optional.empty()),
                command(AGENT, CONVERSATION_ENDED, Optional.empty()),
                command(UNKNOWN_AGENT, CONVERSATION_STARTED, Optional.empty())));

        assertThat(outcomes)
                .extracting(outcome -> outcome.getClass().getSimpleName())
                .containsExactly("Accepted", "Refused", "Accepted", "Refused");
    }

    @Test
    void two_items_with_one_id_are_one_event_and_the_second_a_repeat_of_the_first() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        Optional<IdempotencyKey> key = Optional.of(new IdempotencyKey("order-42/ended"));

        List<BatchItemOutcome> outcomes = world.ingest.ingestAll(
                List.of(command(AGENT, CONVERSATION_ENDED, key), command(AGENT, CONVERSATION_ENDED, key)));
        IngestedEventAnswer later = new IngestedEventAnswer(world.ingest
                .ingestAll(List.of(command(AGENT, CONVERSATION_ENDED, key)))
                .getFirst());

        EventId first = new IngestedEventAnswer(outcomes.get(0)).eventId();
        assertThat(new IngestedEventAnswer(outcomes.get(1)).eventId()).isEqualTo(first);
        assertThat(later.eventId()).isEqualTo(first);
        assertThat(world.deliveriesOf(first)).hasSize(1);
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(1));
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isEqualTo(1));
        assertThat(world.metrics.ingested(CONVERSATION_ENDED)).isEqualTo(1);
    }

    @Test
    void the_accepted_items_are_appended_in_one_call_and_none_is_kept_when_it_fails() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        AppendsRecorded recorded = new AppendsRecorded(world.events);
        IngestEventService ingest =
                new IngestEventService(world.webhooks, world.agents, recorded, world.dispatcher, world.clock);
        List<IngestEventCommand> three =
                List.of(ofItsOwn(CONVERSATION_ENDED), ofItsOwn(CONVERSATION_ENDED), ofItsOwn(CONVERSATION_ENDED));

        ingest.ingestAll(three);
        recorded.failNext();

        assertThat(recorded.calls.get()).isEqualTo(1);
        assertThat(recorded.appended).hasSize(3);
        assertThatThrownBy(() -> ingest.ingestAll(three)).hasMessageContaining("storage failed");
        assertThat(recorded.appended).hasSize(3);
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(3));
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isEqualTo(3));
    }

    @Test
    void an_empty_batch_and_one_over_the_limit_are_refused_whole() {
        List<IngestEventCommand> tooMany = Collections.nCopies(
                IngestEventBatchUseCase.MAX_EVENTS + 1, command(AGENT, CONVERSATION_ENDED, Optional.empty()));

        assertRejected("events", () -> world.ingest.ingestAll(List.of()));
        assertThatThrownBy(() -> world.ingest.ingestAll(tooMany)).hasMessageContaining("at most 500");
        assertThat(world.metrics.ingested(CONVERSATION_ENDED)).isZero();
    }

    @Test
    void a_full_batch_of_the_limit_is_taken() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        List<IngestEventCommand> full = new ArrayList<>();
        for (int i = 0; i < IngestEventBatchUseCase.MAX_EVENTS; i++) {
            full.add(ofItsOwn(CONVERSATION_ENDED));
        }

        List<BatchItemOutcome> outcomes = world.ingest.ingestAll(full);

        assertThat(outcomes)
                .hasSize(500)
                .allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Accepted.class));
        eventually(WITHIN, () -> assertThat(world.sender.count()).isEqualTo(500));
    }

    /** In a conversation of its own, so that no two events wait for each other's order. */
    private static IngestEventCommand ofItsOwn(EventType type) {
        IngestEventCommand command = command(AGENT, type, Optional.empty());
        return new IngestEventCommand(
                command.workspaceId(),
                command.type(),
                command.agentId(),
                Optional.of(new ConversationId("conv-" + UUID.randomUUID())),
                command.data(),
                command.idempotencyKey());
    }

    private record IngestedEventAnswer(BatchItemOutcome outcome) {
        EventId eventId() {
            return ((Accepted) outcome).event().eventId();
        }
    }

    /** Counts appendAll calls and fails one on demand, storing nothing of it. */
    private static final class AppendsRecorded implements EventRepository {
        final AtomicInteger calls = new AtomicInteger();
        final List<NewEvent> appended = Collections.synchronizedList(new ArrayList<>());
        private final EventRepository stored;
        private volatile boolean fail;

        AppendsRecorded(EventRepository stored) {
            this.stored = stored;
        }

        void failNext() {
            fail = true;
        }

        @Override
        public List<AppendResult> appendAll(List<NewEvent> events) {
            if (fail) {
                fail = false;
                throw new IllegalStateException("storage failed");
            }
            calls.incrementAndGet();
            List<AppendResult> results = stored.appendAll(events);
            appended.addAll(events);
            return results;
        }

        @Override
        public Optional<AgentEvent> find(WorkspaceId workspaceId, EventId eventId) {
            return stored.find(workspaceId, eventId);
        }

        @Override
        public int purge(Instant cutoff, int limit) {
            return stored.purge(cutoff, limit);
        }
    }
}
