package org.agenthooks.application.port.in;

import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Use case: reading one agent of the workspace. */
public interface GetAgentUseCase {
    Agent get(WorkspaceId workspaceId, AgentId agentId) throws NotFoundException;
}
