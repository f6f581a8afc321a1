package org.agenthooks.application.port.in;

import java.util.List;
import java.util.Optional;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * The demo workspace after seeding. {@code newKey} is present when seeding just created the key (or it was
 * configured), so it can be shown; a key seeded on an earlier start is only stored as a hash.
 */
public record DemoWorkspace(WorkspaceId workspaceId, Optional<ApiKeyToken> newKey, List<AgentId> agents) {
    public DemoWorkspace {
        agents = List.copyOf(agents);
    }
}
