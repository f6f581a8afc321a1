package org.agenthooks.application.fakes;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.agenthooks.application.port.out.AgentRepository;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** In-memory fake of {@link AgentRepository}. */
public final class InMemoryAgentRepository implements AgentRepository {
    private record Key(WorkspaceId workspaceId, AgentId agentId) {}

    private final ConcurrentHashMap<Key, Agent> agents = new ConcurrentHashMap<>();

    @Override
    public void add(Agent agent) {
        if (agents.putIfAbsent(new Key(agent.workspaceId(), agent.id()), agent) != null) {
            throw new IllegalStateException("duplicate agent " + agent.id());
        }
    }

    @Override
    public Optional<Agent> find(WorkspaceId workspaceId, AgentId agentId) {
        return Optional.ofNullable(agents.get(new Key(workspaceId, agentId)));
    }

    @Override
    public List<Agent> list(WorkspaceId workspaceId) {
        return agents.values().stream()
                .filter(agent -> agent.workspaceId().equals(workspaceId))
                .sorted(Comparator.comparing(Agent::createdAt)
                        .thenComparing(agent -> agent.id().value())
                        .reversed())
                .toList();
    }
}
