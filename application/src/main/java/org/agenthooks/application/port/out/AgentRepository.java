package org.agenthooks.application.port.out;

import java.util.List;
import java.util.Optional;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Port: where agents are kept. */
public interface AgentRepository {
    void add(Agent agent);

    Optional<Agent> find(WorkspaceId workspaceId, AgentId agentId);

    /** Newest first. */
    List<Agent> list(WorkspaceId workspaceId);
}
