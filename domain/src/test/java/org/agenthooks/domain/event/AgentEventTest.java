package org.agenthooks.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

class AgentEventTest {
    private static final EventId ID = new EventId("evt_0123456789abcdefABCDEF");
    private static final WorkspaceId WORKSPACE = new WorkspaceId("org_aaaaaaaaaaaaaaaa");
    private static final AgentId AGENT = new AgentId("D5D0p7TUs66TTAEAx");
    private static final Instant OCCURRED = Instant.parse("2025-03-01T10:00:00.123456Z");

    private static AgentEvent event(Optional<ConversationId> conversation, EventData data) {
        return new AgentEvent(ID, WORKSPACE, AGENT, EventType.CONVERSATION_ENDED, conversation, data, OCCURRED);
    }

    private static String payloadText(AgentEvent event) {
        return new String(event.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void the_payload_is_exactly_id_type_timestamp_workspace_agent_conversation_and_data_in_that_order() {
        AgentEvent event = event(Optional.of(new ConversationId("conv-42")), new EventData("{\"duration\":93}"));

        assertThat(event.payload())
                .isEqualTo(("{\"id\":\"evt_0123456789abcdefABCDEF\","
                                + "\"type\":\"conversation_ended\","
                                + "\"timestamp\":\"2025-03-01T10:00:00.123456Z\","
                                + "\"workspaceId\":\"org_aaaaaaaaaaaaaaaa\","
                                + "\"agentId\":\"D5D0p7TUs66TTAEAx\","
                                + "\"conversationId\":\"conv-42\","
                                + "\"data\":{\"duration\":93}}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_numbered_event_carries_its_sequence_right_after_the_conversation_id() {
        AgentEvent event = event(Optional.of(new ConversationId("conv-42")), new EventData("{}"))
                .numbered(3);

        assertThat(event.sequence()).hasValue(3);
        assertThat(payloadText(event)).contains("\"conversationId\":\"conv-42\",\"sequence\":3,\"data\":{}}");
        assertThat(payloadText(event(Optional.of(new ConversationId("conv-42")), new EventData("{}"))))
                .doesNotContain("sequence");
    }

    @Test
    void only_an_event_of_a_conversation_is_numbered_and_from_one() {
        assertThatThrownBy(() -> event(Optional.empty(), new EventData("{}")).numbered(1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> event(Optional.of(new ConversationId("c")), new EventData("{}"))
                        .numbered(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void without_a_conversation_the_conversation_id_is_null() {
        AgentEvent event = event(Optional.empty(), new EventData("{}"));

        assertThat(payloadText(event))
                .isEqualTo("{\"id\":\"evt_0123456789abcdefABCDEF\","
                        + "\"type\":\"conversation_ended\",\"timestamp\":\"2025-03-01T10:00:00.123456Z\","
                        + "\"workspaceId\":\"org_aaaaaaaaaaaaaaaa\",\"agentId\":\"D5D0p7TUs66TTAEAx\","
                        + "\"conversationId\":null,\"data\":{}}");
    }

    @Test
    void the_data_is_embedded_verbatim_and_encoded_as_utf_8() {
        String data = "{\"text\":\"gr\u00fc\u00dfe \u2713\",\"quote\":\"say \\\"hi\\\"\\n\"}";
        AgentEvent event = event(Optional.empty(), new EventData(data));

        String text = payloadText(event);

        assertThat(text).endsWith(",\"data\":" + data + "}");
        assertThat(event.payload())
                .hasSize(text.getBytes(StandardCharsets.UTF_8).length)
                .hasSizeGreaterThan(text.length());
    }

    @Test
    void the_payload_is_the_same_bytes_every_time() {
        AgentEvent event = event(Optional.of(new ConversationId("c:1")), new EventData("{\"a\":1}"));

        assertThat(event.payload()).isEqualTo(event.payload()).isNotSameAs(event.payload());
    }

    @Test
    void the_timestamp_is_the_iso_instant_the_event_occurred() {
        AgentEvent whole = new AgentEvent(
                ID,
                WORKSPACE,
                AGENT,
                EventType.CONVERSATION_STARTED,
                Optional.empty(),
                new EventData("{}"),
                Instant.parse("2025-03-01T10:00:00Z"));

        assertThat(payloadText(whole))
                .contains("\"type\":\"conversation_started\"")
                .contains("\"timestamp\":\"2025-03-01T10:00:00Z\"");
    }

    @Test
    void the_test_event_type_is_rendered_by_its_wire_name() {
        AgentEvent test = new AgentEvent(
                ID, WORKSPACE, AGENT, EventType.WEBHOOK_TEST, Optional.empty(), new EventData("{}"), OCCURRED);

        assertThat(payloadText(test)).contains("\"type\":\"webhook.test\"");
    }

    @Test
    void every_part_but_the_conversation_is_required() {
        assertThatThrownBy(() -> new AgentEvent(
                        null,
                        WORKSPACE,
                        AGENT,
                        EventType.CONVERSATION_ENDED,
                        Optional.empty(),
                        new EventData("{}"),
                        OCCURRED))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AgentEvent(
                        ID, WORKSPACE, AGENT, EventType.CONVERSATION_ENDED, null, new EventData("{}"), OCCURRED))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AgentEvent(
                        ID, WORKSPACE, AGENT, EventType.CONVERSATION_ENDED, Optional.empty(), null, OCCURRED))
                .isInstanceOf(NullPointerException.class);
    }
}
