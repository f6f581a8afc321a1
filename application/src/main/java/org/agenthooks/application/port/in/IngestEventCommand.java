package org.agenthooks.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.workspace.WorkspaceId;

/** An event as a caller reports it. Only subscribable types can be reported. */
public record IngestEventCommand(
        WorkspaceId workspaceId,
        EventType type,
        AgentId agentId,
        Optional<ConversationId> conversationId,
        EventData data,
        Optional<IdempotencyKey> idempotencyKey) {
    public IngestEventCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        EventType.subscribable("type", type.wireName());
    }
}
