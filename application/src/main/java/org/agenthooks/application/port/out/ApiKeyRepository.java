package org.agenthooks.application.port.out;

import java.time.Instant;
import java.util.Optional;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyId;

/** Port: where API keys are kept, as hashes. */
public interface ApiKeyRepository {
    void add(ApiKey key);

    Optional<ApiKey> find(ApiKeyId keyId);

    /** False when there is no such key. */
    boolean revoke(ApiKeyId keyId, Instant at);

    /**
     * How many keys are revoked: it grows by one with each key revoked (keys are never deleted), so every instance
     * can tell cheaply, by reading it, that a key was revoked anywhere since it last looked.
     */
    long revocations();
}
