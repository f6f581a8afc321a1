package org.agenthooks.application.service;

import java.time.Clock;
import java.util.List;
import org.agenthooks.application.port.in.CreateAgentUseCase;
import org.agenthooks.application.port.in.GetAgentUseCase;
import org.agenthooks.application.port.in.ListAgentsUseCase;
import org.agenthooks.application.port.out.AgentRepository;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Creates and reads agents: plain records, kept flat on purpose. */
public final class AgentService implements CreateAgentUseCase, GetAgentUseCase, ListAgentsUseCase {
    private final AgentRepository agents;
    private final Clock clock;

    public AgentService(AgentRepository agents, Clock clock) {
        this.agents = agents;
        this.clock = clock;
    }

    @Override
    public Agent create(WorkspaceId workspaceId, String name) {
        Agent agent = new Agent(AgentId.random(), workspaceId, name, Timestamps.now(clock));
        agents.add(agent);
        return agent;
    }

    @Override
    public Agent get(WorkspaceId workspaceId, AgentId agentId) {
        return agents.find(workspaceId, agentId).orElseThrow(() -> new NotFoundException("agent", agentId.value()));
    }

    @Override
    public List<Agent> list(WorkspaceId workspaceId) {
        return agents.list(workspaceId);
    }
}
