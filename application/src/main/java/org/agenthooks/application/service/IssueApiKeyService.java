package org.agenthooks.application.service;

import java.time.Clock;
import org.agenthooks.application.port.in.IssueApiKeyUseCase;
import org.agenthooks.application.port.out.ApiKeyRepository;
import org.agenthooks.application.port.out.WorkspaceRepository;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Issues further API keys for an existing workspace. */
public final class IssueApiKeyService implements IssueApiKeyUseCase {
    private final WorkspaceRepository workspaces;
    private final ApiKeyRepository keys;
    private final Clock clock;

    public IssueApiKeyService(WorkspaceRepository workspaces, ApiKeyRepository keys, Clock clock) {
        this.workspaces = workspaces;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public ApiKeyToken issue(WorkspaceId workspaceId) {
        if (workspaces.find(workspaceId).isEmpty()) {
            throw new NotFoundException("workspace", workspaceId.value());
        }
        ApiKeyToken token = ApiKeyToken.issue();
        keys.add(ApiKey.issuedFor(workspaceId, token, Timestamps.now(clock)));
        return token;
    }
}
