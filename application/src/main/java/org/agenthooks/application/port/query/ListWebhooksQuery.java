package org.agenthooks.application.port.query;

import java.util.Objects;
import java.util.Optional;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Which webhooks to list: every filter is optional; {@code after} continues a previous page. */
public record ListWebhooksQuery(
        WorkspaceId workspaceId,
        Optional<AgentId> agentId,
        Optional<Boolean> active,
        Optional<EventType> event,
        PageLimit limit,
        Optional<PageCursor> after) {
    public ListWebhooksQuery {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(after, "after");
    }
}
