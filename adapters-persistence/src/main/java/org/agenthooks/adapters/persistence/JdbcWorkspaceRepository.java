package org.agenthooks.adapters.persistence;

import io.helidon.dbclient.DbClient;
import java.util.Optional;
import org.agenthooks.application.port.out.WorkspaceRepository;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Workspaces in the {@code workspaces} table. */
public final class JdbcWorkspaceRepository implements WorkspaceRepository {
    private final DbClient db;

    public JdbcWorkspaceRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public void add(Workspace workspace) {
        db.execute()
                .createInsert("""
                        INSERT INTO workspaces (workspace_id, name, created_at)
                        VALUES (:workspaceId, :name, :createdAt)""")
                .addParam("workspaceId", workspace.id().value())
                .addParam("name", workspace.name())
                .addParam("createdAt", SqlTime.of(workspace.createdAt()))
                .execute();
    }

    @Override
    public Optional<Workspace> find(WorkspaceId workspaceId) {
        return db.execute()
                .createGet("""
                        SELECT workspace_id, name, created_at FROM workspaces
                        WHERE workspace_id = :workspaceId""")
                .addParam("workspaceId", workspaceId.value())
                .execute()
                .map(Row::of)
                .map(JdbcWorkspaceRepository::toWorkspace);
    }

    private static Workspace toWorkspace(Row row) {
        return new Workspace(new WorkspaceId(row.text("workspace_id")), row.text("name"), row.instant("created_at"));
    }
}
