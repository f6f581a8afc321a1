package org.agenthooks.domain.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Something that happened in an agent's conversation, as ingested once and delivered to every subscriber. */
public record AgentEvent(
        EventId id,
        WorkspaceId workspaceId,
        AgentId agentId,
        EventType type,
        Optional<ConversationId> conversationId,
        EventData data,
        Instant occurredAt) {
    public AgentEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /**
     * The body every receiver gets, byte for byte the same on every attempt:
     * {@code {"id","type","timestamp","workspaceId","agentId","conversationId","data"}}.
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
        json.append(",\"data\":").append(data.json()).append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
