package org.agenthooks.adapters.persistence;

import io.helidon.dbclient.DbClient;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.port.out.AgentRepository;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Agents in the {@code agents} table, keyed by workspace and agent id. */
public final class JdbcAgentRepository implements AgentRepository {
    private static final String COLUMNS = "workspace_id, agent_id, name, created_at";

    private final DbClient db;

    public JdbcAgentRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public void add(Agent agent) {
        db.execute()
                .createInsert(
                        "INSERT INTO agents (" + COLUMNS + ")" + " VALUES (:workspaceId, :agentId, :name, :createdAt)")
                .addParam("workspaceId", agent.workspaceId().value())
                .addParam("agentId", agent.id().value())
                .addParam("name", agent.name())
                .addParam("createdAt", SqlTime.of(agent.createdAt()))
                .execute();
    }

    @Override
    public Optional<Agent> find(WorkspaceId workspaceId, AgentId agentId) {
        return db.execute()
                .createGet("SELECT " + COLUMNS + " FROM agents"
                        + " WHERE workspace_id = :workspaceId AND agent_id = :agentId")
                .addParam("workspaceId", workspaceId.value())
                .addParam("agentId", agentId.value())
                .execute()
                .map(Row::of)
                .map(JdbcAgentRepository::toAgent);
    }

    @Override
    public List<Agent> list(WorkspaceId workspaceId) {
        return db.execute()
                .createQuery("SELECT " + COLUMNS + " FROM agents WHERE workspace_id = :workspaceId"
                        + " ORDER BY created_at DESC, agent_id DESC")
                .addParam("workspaceId", workspaceId.value())
                .execute()
                .map(Row::of)
                .map(JdbcAgentRepository::toAgent)
                .toList();
    }

    private static Agent toAgent(Row row) {
        return new Agent(
                new AgentId(row.text("agent_id")),
                new WorkspaceId(row.text("workspace_id")),
                row.text("name"),
                row.instant("created_at"));
    }
}
