package org.agenthooks.adapters.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.agenthooks.application.port.in.IngestEventCommand;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.event.TraceParent;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

class BusMessageParserTest {
    private static final WorkspaceId OURS = new WorkspaceId("org_AAAAAAAAAAAAAAAA");
    private static final WorkspaceId ALSO_OURS = new WorkspaceId("org_BBBBBBBBBBBBBBBB");
    private static final WorkspaceId FOREIGN = new WorkspaceId("org_CCCCCCCCCCCCCCCC");
    private static final String EVENT =
            "\"type\":\"conversation_started\",\"agentId\":\"agt_1\",\"data\":{\"text\":\"hi\"}";

    private final BusMessageParser single = new BusMessageParser(new BusSource("nats", Set.of(OURS)));
    private final BusMessageParser several = new BusMessageParser(new BusSource("nats", Set.of(OURS, ALSO_OURS)));

    @Test
    void a_source_bound_to_one_workspace_takes_the_http_body_as_it_is() {
        IngestEventCommand command = ingested(single.parse(message("{" + EVENT + ",\"conversationId\":\"c1\"}")));

        assertThat(command.workspaceId()).isEqualTo(OURS);
        assertThat(command.type()).isEqualTo(EventType.CONVERSATION_STARTED);
        assertThat(command.agentId().value()).isEqualTo("agt_1");
        assertThat(command.data().json()).isEqualTo("{\"text\":\"hi\"}");
        assertThat(command.conversationId()).isPresent();
    }

    @Test
    void the_workspace_comes_from_the_body_or_the_header() {
        assertThat(ingested(several.parse(message("{" + EVENT + ",\"workspaceId\":\"" + ALSO_OURS + "\"}")))
                        .workspaceId())
                .isEqualTo(ALSO_OURS);
        BusMessage withHeader = new BusMessage(
                ("{" + EVENT + "}").getBytes(StandardCharsets.UTF_8),
                Map.of(BusMessageParser.WORKSPACE_HEADER, ALSO_OURS.value()),
                Optional.empty(),
                "test");
        assertThat(ingested(several.parse(withHeader)).workspaceId()).isEqualTo(ALSO_OURS);
    }

    @Test
    void a_source_bound_to_several_workspaces_refuses_a_message_naming_none() {
        assertThat(refusal(several.parse(message("{" + EVENT + "}")))).contains("workspaceId is required");
    }

    @Test
    void a_workspace_the_source_may_not_write_to_is_refused() {
        assertThat(refusal(single.parse(message("{" + EVENT + ",\"workspaceId\":\"" + FOREIGN + "\"}"))))
                .contains("may not write to workspace " + FOREIGN.value());
    }

    @Test
    void body_and_header_naming_different_workspaces_are_refused() {
        BusMessage conflicting = new BusMessage(
                ("{" + EVENT + ",\"workspaceId\":\"" + OURS + "\"}").getBytes(StandardCharsets.UTF_8),
                Map.of(BusMessageParser.WORKSPACE_HEADER, ALSO_OURS.value()),
                Optional.empty(),
                "test");
        assertThat(refusal(several.parse(conflicting))).contains("different workspaces");
    }

    @Test
    void the_bodys_own_id_is_the_idempotency_key_before_the_brokers() {
        BusMessage both = new BusMessage(
                ("{" + EVENT + ",\"id\":\"evt-own\"}").getBytes(StandardCharsets.UTF_8),
                Map.of(),
                Optional.of("broker-7"),
                "test");
        BusMessage brokerOnly = new BusMessage(
                ("{" + EVENT + "}").getBytes(StandardCharsets.UTF_8), Map.of(), Optional.of("broker-7"), "test");

        assertThat(ingested(single.parse(both)).idempotencyKey()).contains(new IdempotencyKey("evt-own"));
        assertThat(ingested(single.parse(brokerOnly)).idempotencyKey()).contains(new IdempotencyKey("broker-7"));
        assertThat(ingested(single.parse(message("{" + EVENT + "}"))).idempotencyKey())
                .isEmpty();
    }

    @Test
    void malformed_json_is_refused_without_quoting_the_body() {
        String reason = refusal(single.parse(message("{\"type\": \"secret-token-123")));

        assertThat(reason).contains("malformed JSON").doesNotContain("secret-token-123");
        assertThat(refusal(single.parse(message("")))).contains("malformed JSON");
        assertThat(refusal(single.parse(message("[1,2]")))).contains("malformed JSON");
    }

    @Test
    void every_broken_field_is_named_in_one_reason() {
        String reason = refusal(single.parse(message("{\"type\":\"nope\",\"data\":[],\"extra\":1}")));

        assertThat(reason)
                .contains("type: 'nope' is not an event type")
                .contains("agentId: is required")
                .contains("data: must be a JSON object")
                .contains("extra: is not a known field");
    }

    @Test
    void a_broker_id_that_cannot_be_a_key_is_refused() {
        BusMessage spaced = new BusMessage(
                ("{" + EVENT + "}").getBytes(StandardCharsets.UTF_8), Map.of(), Optional.of("has space"), "test");

        assertThat(refusal(single.parse(spaced))).contains("broker's message id");
    }

    @Test
    void a_traceparent_header_carries_the_trace_and_a_malformed_one_is_ignored() {
        String trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        BusMessage traced = new BusMessage(
                ("{" + EVENT + "}").getBytes(StandardCharsets.UTF_8),
                Map.of(TraceParent.HEADER, trace),
                Optional.empty(),
                "test");
        BusMessage malformed = new BusMessage(
                ("{" + EVENT + "}").getBytes(StandardCharsets.UTF_8),
                Map.of(TraceParent.HEADER, "00-not-a-trace"),
                Optional.empty(),
                "test");

        assertThat(ingested(single.parse(traced)).traceParent()).isEqualTo(TraceParent.parse(trace));
        assertThat(ingested(single.parse(malformed)).traceParent()).isEmpty();
        assertThat(ingested(single.parse(message("{" + EVENT + "}"))).traceParent())
                .isEmpty();
    }

    @Test
    void a_reason_stays_one_short_line() {
        Refusal refusal = new Refusal("line one\nline two" + "x".repeat(1000));

        assertThat(refusal.reason()).doesNotContain("\n").hasSize(Refusal.MAX_LENGTH);
    }

    private static BusMessage message(String body) {
        return new BusMessage(body.getBytes(StandardCharsets.UTF_8), Map.of(), Optional.empty(), "test");
    }

    private static IngestEventCommand ingested(ParsedMessage parsed) {
        assertThat(parsed).isInstanceOf(ParsedMessage.Ingest.class);
        return ((ParsedMessage.Ingest) parsed).command();
    }

    private static String refusal(ParsedMessage parsed) {
        assertThat(parsed).isInstanceOf(ParsedMessage.Refused.class);
        return ((ParsedMessage.Refused) parsed).refusal().reason();
    }
}
