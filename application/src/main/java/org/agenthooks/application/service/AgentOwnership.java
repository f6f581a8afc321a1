package org.agenthooks.application.service;

import org.agenthooks.application.port.out.AgentRepository;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.workspace.WorkspaceId;

/** The rule that a webhook may only be scoped to an agent of its own workspace. */
final class AgentOwnership {
    private final AgentRepository agents;

    AgentOwnership(AgentRepository agents) {
        this.agents = agents;
    }

    void require(WorkspaceId workspaceId, AgentId agentId) {
        if (agents.find(workspaceId, agentId).isEmpty()) {
            throw InvalidInputException.of("agentId", "no agent '" + agentId + "' in this workspace");
        }
    }
}
