package org.agenthooks.domain.agent;

import java.time.Instant;
import java.util.Objects;
import org.agenthooks.domain.shared.DisplayName;
import org.agenthooks.domain.workspace.WorkspaceId;

/** An AI voice or chat agent of a workspace; the source of conversation events. */
public record Agent(AgentId id, WorkspaceId workspaceId, String name, Instant createdAt) {
    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(createdAt, "createdAt");
        new DisplayName(name); // the rules every name people read keeps to
    }
}
