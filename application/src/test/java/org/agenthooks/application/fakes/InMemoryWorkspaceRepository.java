package org.agenthooks.application.fakes;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.agenthooks.application.port.out.WorkspaceRepository;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;

/** In-memory fake of {@link WorkspaceRepository}. */
public final class InMemoryWorkspaceRepository implements WorkspaceRepository {
    private final ConcurrentHashMap<WorkspaceId, Workspace> workspaces = new ConcurrentHashMap<>();

    @Override
    public void add(Workspace workspace) {
        if (workspaces.putIfAbsent(workspace.id(), workspace) != null) {
            throw new IllegalStateException("duplicate workspace " + workspace.id());
        }
    }

    @Override
    public Optional<Workspace> find(WorkspaceId workspaceId) {
        return Optional.ofNullable(workspaces.get(workspaceId));
    }
}
