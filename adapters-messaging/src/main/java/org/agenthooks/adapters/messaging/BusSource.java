package org.agenthooks.adapters.messaging;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * A configured way in from a bus ({@code nats}, {@code rabbitmq}) and the workspaces it may write to
 * ({@code ingest.<source>.workspaces}). Whoever can publish to the source can write events into exactly these
 * workspaces, so the set is never open-ended.
 */
public record BusSource(String name, Set<WorkspaceId> workspaces) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public BusSource {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a source name is 1 to 32 lower-case letters, digits or '-'");
        }
        workspaces = Set.copyOf(Objects.requireNonNull(workspaces, "workspaces"));
        if (workspaces.isEmpty()) {
            throw new IllegalArgumentException("source '" + name + "' needs at least one workspace to write to");
        }
    }

    public boolean mayWriteTo(WorkspaceId workspace) {
        return workspaces.contains(workspace);
    }

    /** The workspace a message that names none goes to: only a source bound to one workspace has one. */
    public Optional<WorkspaceId> soleWorkspace() {
        return workspaces.size() == 1 ? Optional.of(workspaces.iterator().next()) : Optional.empty();
    }
}
