package org.agenthooks.application.port.in;

import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Use case (operators): issuing another API key for a workspace. */
public interface IssueApiKeyUseCase {
    ApiKeyToken issue(WorkspaceId workspaceId) throws NotFoundException;
}
