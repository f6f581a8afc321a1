package org.agenthooks.adapters.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agenthooks.adapters.messaging.BusIngest.Disposition;
import org.agenthooks.application.fakes.RecordingEngineMetrics;
import org.agenthooks.application.port.in.IngestEventCommand;
import org.agenthooks.application.port.in.IngestEventUseCase;
import org.agenthooks.application.port.in.IngestedEvent;
import org.agenthooks.application.port.out.EngineMetrics.BusOutcome;
import org.agenthooks.application.port.out.StorageUnavailableException;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

class BusIngestTest {
    private static final BusSource SOURCE = new BusSource("nats", Set.of(new WorkspaceId("org_AAAAAAAAAAAAAAAA")));
    private static final BusMessage GOOD =
            message("{\"type\":\"conversation_started\",\"agentId\":\"agt_1\",\"data\":{},\"id\":\"e1\"}");

    private final List<IngestEventCommand> ingested = new CopyOnWriteArrayList<>();
    private final List<String> deadLettered = new CopyOnWriteArrayList<>();
    private final RecordingEngineMetrics metrics = new RecordingEngineMetrics();
    private final DeadLetters deadLetters = (message, refusal) -> deadLettered.add(refusal.reason());

    @Test
    void an_ingested_message_is_acknowledged_and_counted() {
        BusIngest bus = new BusIngest(SOURCE, this::record, deadLetters, metrics);

        assertThat(bus.handle(GOOD)).isEqualTo(Disposition.ACK);
        assertThat(ingested).hasSize(1);
        assertThat(deadLettered).isEmpty();
        assertThat(metrics.busMessages("nats", BusOutcome.ACCEPTED)).isEqualTo(1);
    }

    @Test
    void a_malformed_message_is_dead_lettered_then_acknowledged() {
        BusIngest bus = new BusIngest(SOURCE, this::record, deadLetters, metrics);

        assertThat(bus.handle(message("not json"))).isEqualTo(Disposition.ACK);
        assertThat(ingested).isEmpty();
        assertThat(deadLettered).singleElement().asString().contains("malformed JSON");
        assertThat(metrics.busMessages("nats", BusOutcome.REFUSED)).isEqualTo(1);
    }

    @Test
    void an_unknown_agent_refused_by_the_use_case_is_dead_lettered() {
        IngestEventUseCase unknownAgent = command -> {
            throw InvalidInputException.of("agentId", "no agent 'agt_1' in this workspace");
        };
        BusIngest bus = new BusIngest(SOURCE, unknownAgent, deadLetters, metrics);

        assertThat(bus.handle(GOOD)).isEqualTo(Disposition.ACK);
        assertThat(deadLettered).containsExactly("agentId: no agent 'agt_1' in this workspace");
    }

    @Test
    void a_database_outage_hands_the_message_back_instead_of_dead_lettering_it() {
        IngestEventUseCase down = command -> {
            throw new StorageUnavailableException("database down", null);
        };
        BusIngest bus = new BusIngest(SOURCE, down, deadLetters, metrics);

        assertThat(bus.handle(GOOD)).isEqualTo(Disposition.RETRY);
        assertThat(deadLettered).isEmpty();
        assertThat(metrics.busMessages("nats", BusOutcome.RETRIED)).isEqualTo(1);
    }

    @Test
    void a_refusal_the_broker_did_not_take_is_retried_not_dropped() {
        DeadLetters unreachable = (message, refusal) -> {
            throw new IOException("broker gone");
        };
        BusIngest bus = new BusIngest(SOURCE, this::record, unreachable, metrics);

        assertThat(bus.handle(message("not json"))).isEqualTo(Disposition.RETRY);
        assertThat(metrics.busMessages("nats", BusOutcome.REFUSED)).isZero();
    }

    @Test
    void an_unexpected_failure_is_retried_not_dead_lettered() {
        IngestEventUseCase broken = command -> {
            throw new IllegalStateException("bug");
        };
        BusIngest bus = new BusIngest(SOURCE, broken, deadLetters, metrics);

        assertThat(bus.handle(GOOD)).isEqualTo(Disposition.RETRY);
        assertThat(deadLettered).isEmpty();
    }

    private IngestedEvent record(IngestEventCommand command) {
        ingested.add(command);
        return new IngestedEvent(EventId.random(), 1);
    }

    private static BusMessage message(String body) {
        return new BusMessage(body.getBytes(StandardCharsets.UTF_8), Map.of(), Optional.empty(), "test");
    }
}
