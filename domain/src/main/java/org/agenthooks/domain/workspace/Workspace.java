package org.agenthooks.domain.workspace;

import java.time.Instant;
import java.util.Objects;
import org.agenthooks.domain.shared.InvalidInputException;

/** A customer account: owns agents, webhooks and API keys. */
public record Workspace(WorkspaceId id, String name, Instant createdAt) {
    public Workspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank() || name.codePointCount(0, name.length()) > 100) {
            throw InvalidInputException.of("name", "must be 1 to 100 characters");
        }
    }
}
