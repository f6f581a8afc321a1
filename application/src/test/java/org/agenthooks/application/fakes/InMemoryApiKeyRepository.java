package org.agenthooks.application.fakes;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenthooks.application.port.out.ApiKeyRepository;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyId;

/** In-memory fake of {@link ApiKeyRepository}; counts look-ups so tests can see the cache at work. */
public final class InMemoryApiKeyRepository implements ApiKeyRepository {
    private final ConcurrentHashMap<ApiKeyId, ApiKey> keys = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    @Override
    public void add(ApiKey key) {
        if (keys.putIfAbsent(key.id(), key) != null) {
            throw new IllegalStateException("duplicate key " + key.id());
        }
    }

    @Override
    public Optional<ApiKey> find(ApiKeyId keyId) {
        lookups.incrementAndGet();
        return Optional.ofNullable(keys.get(keyId));
    }

    @Override
    public boolean revoke(ApiKeyId keyId, Instant at) {
        return keys.computeIfPresent(
                        keyId,
                        (id, key) -> key.isRevoked()
                                ? key
                                : new ApiKey(
                                        key.id(),
                                        key.workspaceId(),
                                        key.secretHash(),
                                        key.createdAt(),
                                        Optional.of(at)))
                != null;
    }

    @Override
    public long revocations() {
        return keys.values().stream().filter(ApiKey::isRevoked).count();
    }

    public int lookups() {
        return lookups.get();
    }
}
