package org.agenthooks.application.service;

import java.time.Clock;
import org.agenthooks.application.port.in.RevokeApiKeyUseCase;
import org.agenthooks.application.port.out.ApiKeyRepository;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.workspace.ApiKeyId;

/** Revokes API keys and drops them from this process's key cache. */
public final class RevokeApiKeyService implements RevokeApiKeyUseCase {
    private final ApiKeyRepository keys;
    private final ApiKeyCache cache;
    private final Clock clock;

    public RevokeApiKeyService(ApiKeyRepository keys, ApiKeyCache cache, Clock clock) {
        this.keys = keys;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public void revoke(ApiKeyId keyId) {
        boolean revoked = keys.revoke(keyId, Timestamps.now(clock));
        cache.forget(keyId);
        if (!revoked) {
            throw new NotFoundException("API key", keyId.value());
        }
    }
}
