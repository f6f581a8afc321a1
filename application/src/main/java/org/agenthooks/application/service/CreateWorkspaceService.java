package org.agenthooks.application.service;

import java.time.Clock;
import java.time.Instant;
import org.agenthooks.application.port.in.CreateWorkspaceUseCase;
import org.agenthooks.application.port.in.CreatedWorkspace;
import org.agenthooks.application.port.out.ApiKeyRepository;
import org.agenthooks.application.port.out.WorkspaceRepository;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Creates a workspace and issues its first API key. */
public final class CreateWorkspaceService implements CreateWorkspaceUseCase {
    private final WorkspaceRepository workspaces;
    private final ApiKeyRepository keys;
    private final Clock clock;

    public CreateWorkspaceService(WorkspaceRepository workspaces, ApiKeyRepository keys, Clock clock) {
        this.workspaces = workspaces;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public CreatedWorkspace create(String name) {
        Instant now = Timestamps.now(clock);
        Workspace workspace = new Workspace(WorkspaceId.random(), name, now);
        workspaces.add(workspace);
        ApiKeyToken token = ApiKeyToken.issue();
        keys.add(ApiKey.issuedFor(workspace.id(), token, now));
        return new CreatedWorkspace(workspace, token);
    }
}
