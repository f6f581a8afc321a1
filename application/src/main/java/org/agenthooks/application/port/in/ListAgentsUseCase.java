package org.agenthooks.application.port.in;

import java.util.List;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Use case: listing the workspace's agents, newest first. */
public interface ListAgentsUseCase {
    List<Agent> list(WorkspaceId workspaceId);
}
