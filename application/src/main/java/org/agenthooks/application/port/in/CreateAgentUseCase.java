package org.agenthooks.application.port.in;

import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Use case: adding an agent to the workspace. */
public interface CreateAgentUseCase {
    Agent create(WorkspaceId workspaceId, String name);
}
