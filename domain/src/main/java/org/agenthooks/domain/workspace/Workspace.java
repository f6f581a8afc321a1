package org.agenthooks.domain.workspace;

import java.time.Instant;
import java.util.Objects;
import org.agenthooks.domain.shared.DisplayName;

/** A customer account: owns agents, webhooks and API keys. */
public record Workspace(WorkspaceId id, String name, Instant createdAt) {
    public Workspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        new DisplayName(name); // the rules every name people read keeps to
    }
}
