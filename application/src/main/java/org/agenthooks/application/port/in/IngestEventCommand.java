package org.agenthooks.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.event.TraceParent;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * An event as a caller reports it, with the trace it came in (if any). Only subscribable types can be reported.
 */
public record IngestEventCommand(
        WorkspaceId workspaceId,
        EventType type,
        AgentId agentId,
        Optional<ConversationId> conversationId,
        EventData data,
        Optional<IdempotencyKey> idempotencyKey,
        Optional<TraceParent> traceParent) {
    public IngestEventCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(traceParent, "traceParent");
        EventType.subscribable("type", type.wireName());
    }

    /** An event that came without a trace. */
    public IngestEventCommand(
            WorkspaceId workspaceId,
            EventType type,
            AgentId agentId,
            Optional<ConversationId> conversationId,
            EventData data,
            Optional<IdempotencyKey> idempotencyKey) {
        this(workspaceId, type, agentId, conversationId, data, idempotencyKey, Optional.empty());
    }
}
