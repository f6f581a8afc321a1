package org.agenthooks.application.port.out;

import java.util.Optional;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Port: where workspaces are kept. */
public interface WorkspaceRepository {
    void add(Workspace workspace);

    Optional<Workspace> find(WorkspaceId workspaceId);
}
