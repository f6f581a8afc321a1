package org.agenthooks.domain.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Something that happened in an agent's conversation, as ingested once and delivered to every subscriber. An event
 * of a conversation is numbered within it when stored: {@code sequence} 1, 2, 3... in ingest order.
 */
public record AgentEvent(
        EventId id,
        WorkspaceId workspaceId,
        AgentId agentId,
        EventType type,
        Optional<ConversationId> conversationId,
        EventData data,
        Instant occurredAt,
        OptionalLong sequence) {
    public AgentEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(sequence, "sequence");
        if (sequence.isPresent() && (conversationId.isEmpty() || sequence.getAsLong() < 1)) {
            throw new IllegalArgumentException("only an event of a conversation has a sequence, from 1");
        }
    }

    /** An event not yet numbered in its conversation. */
    public AgentEvent(
            EventId id,
            WorkspaceId workspaceId,
            AgentId agentId,
            EventType type,
            Optional<ConversationId> conversationId,
            EventData data,
            Instant occurredAt) {
        this(id, workspaceId, agentId, type, conversationId, data, occurredAt, OptionalLong.empty());
    }

    /** This event as the {@code sequence}-th of its conversation. */
    public AgentEvent numbered(long sequence) {
        return new AgentEvent(
                id, workspaceId, agentId, type, conversationId, data, occurredAt, OptionalLong.of(sequence));
    }

    /**
     * The body every receiver gets, byte for byte the same on every attempt:
     * {@code {"id","type","timestamp","workspaceId","agentId","conversationId","data"}}, with {@code "sequence"}
     * after {@code "conversationId"} when the event is numbered.
     */
    public byte[] payload() {
        StringBuilder json = new StringBuilder(data.json().length() + 256);
        json.append("{\"id\":");
        JsonText.appendString(json, id.value());
        json.append(",\"type\":");
        JsonText.appendString(json, type.wireName());
        json.append(",\"timestamp\":");
        JsonText.appendString(json, occurredAt.toString());
        json.append(",\"workspaceId\":");
        JsonText.appendString(json, workspaceId.value());
        json.append(",\"agentId\":");
        JsonText.appendString(json, agentId.value());
        json.append(",\"conversationId\":");
        if (conversationId.isPresent()) {
            JsonText.appendString(json, conversationId.get().value());
        } else {
            json.append("null");
        }
        if (sequence.isPresent()) {
            json.append(",\"sequence\":").append(sequence.getAsLong());
        }
        json.append(",\"data\":").append(data.json()).append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
