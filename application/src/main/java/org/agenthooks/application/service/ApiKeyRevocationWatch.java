package org.agenthooks.application.service;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.agenthooks.application.port.out.ApiKeyRepository;

/**
 * Makes a revocation made anywhere (another instance, the admin command) take effect here within one interval:
 * a background thread reads the repository's count of revocations, and when it changed, or cannot be read, drops
 * this process's whole {@link ApiKeyCache}. Requests themselves never wait for this query.
 */
public final class ApiKeyRevocationWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ApiKeyRevocationWatch.class.getName());

    private final ApiKeyRepository keys;
    private final ApiKeyCache cache;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("api-key-revocations").daemon().unstarted(runnable));
    private OptionalLong seen = OptionalLong.empty();

    public ApiKeyRevocationWatch(ApiKeyRepository keys, ApiKeyCache cache) {
        this.keys = keys;
        this.cache = cache;
    }

    /** Checks now, then every {@code interval}, in the background. */
    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the count of revocations once; drops the cache unless it is the count seen last time. */
    public synchronized void check() {
        long revocations;
        try {
            revocations = keys.revocations();
        } catch (RuntimeException e) {
            // Unable to tell whether a key was revoked, the cache is not trusted: keys are checked one by one.
            if (seen.isPresent()) {
                LOG.log(System.Logger.Level.WARNING, "Cannot read API key revocations; checking every key", e);
            }
            seen = OptionalLong.empty();
            cache.forgetAll();
            return;
        }
        if (seen.isEmpty() || seen.getAsLong() != revocations) {
            cache.forgetAll();
            seen = OptionalLong.of(revocations);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
