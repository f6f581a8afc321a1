package org.agenthooks.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyId;

/**
 * Keeps recently looked-up API keys (and the ids that found none) for a short time, so that checking a known
 * key costs no database round trip. Revoking through this process clears the entry at once; a revocation
 * made elsewhere clears everything when {@link ApiKeyRevocationWatch} notices it (the time to live bounds how
 * long an entry is trusted regardless).
 */
public final class ApiKeyCache {
    private record Entry(Optional<ApiKey> key, Instant expiresAt) {}

    private final ConcurrentHashMap<ApiKeyId, Entry> entries = new ConcurrentHashMap<>();
    private final Duration timeToLive;
    private final int maxEntries;
    private final Clock clock;

    public ApiKeyCache(Duration timeToLive, int maxEntries, Clock clock) {
        this.timeToLive = timeToLive;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    Optional<ApiKey> get(ApiKeyId id, Function<ApiKeyId, Optional<ApiKey>> load) {
        Instant now = clock.instant();
        Entry entry = entries.get(id);
        if (entry != null && !entry.expiresAt().isBefore(now)) {
            return entry.key();
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        // Loading inside compute keeps a concurrent forget() from being overwritten by a stale load.
        return entries.compute(
                        id,
                        (key, old) -> old != null && !old.expiresAt().isBefore(now)
                                ? old
                                : new Entry(load.apply(key), now.plus(timeToLive)))
                .key();
    }

    void forget(ApiKeyId id) {
        entries.remove(id);
    }

    /**
     * Drops every entry. A look-up under way holds its entry's lock inside compute, which clear() waits for, so a
     * key read before a revocation cannot be left behind.
     */
    void forgetAll() {
        entries.clear();
    }
}
