package org.agenthooks.application.service;

import java.util.Optional;
import org.agenthooks.application.port.in.AuthenticateUseCase;
import org.agenthooks.application.port.out.ApiKeyRepository;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Finds the workspace an API key opens: by its public id, then a constant-time check of its secret part. */
public final class AuthenticateService implements AuthenticateUseCase {
    private final ApiKeyRepository keys;
    private final ApiKeyCache cache;

    public AuthenticateService(ApiKeyRepository keys, ApiKeyCache cache) {
        this.keys = keys;
        this.cache = cache;
    }

    @Override
    public Optional<WorkspaceId> authenticate(String presentedKey) {
        Optional<ApiKeyToken> token = ApiKeyToken.parse(presentedKey);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        return cache.get(token.get().id(), keys::find)
                .filter(key -> key.opens(token.get()))
                .map(ApiKey::workspaceId);
    }
}
