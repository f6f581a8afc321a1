package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.agenthooks.application.fakes.InMemoryApiKeyRepository;
import org.agenthooks.application.port.out.ApiKeyRepository;
import org.agenthooks.application.port.out.StorageUnavailableException;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyId;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyRevocationWatchTest {
    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);

    private final InMemoryApiKeyRepository stored = new InMemoryApiKeyRepository();
    private final FlakyRevocations keys = new FlakyRevocations(stored);
    private final TestClock clock = new TestClock(START);
    private final ApiKeyCache cache = new ApiKeyCache(TIME_TO_LIVE, 1000, clock);
    private final AuthenticateService authenticate = new AuthenticateService(keys, cache);
    private final ApiKeyRevocationWatch watch = new ApiKeyRevocationWatch(keys, cache);
    private final ApiKeyToken token = ApiKeyToken.issue();

    @BeforeEach
    void a_key_was_issued_checked_and_watched() {
        stored.add(ApiKey.issuedFor(WORKSPACE, token, START));
        watch.check();
        assertThat(authenticate.authenticate(token.reveal())).contains(WORKSPACE);
    }

    @Test
    void a_key_revoked_elsewhere_is_refused_after_the_next_check_well_within_the_time_to_live() {
        stored.revoke(token.id(), START);
        assertThat(authenticate.authenticate(token.reveal()))
                .as("cached until the watch looks")
                .contains(WORKSPACE);

        watch.check();

        assertThat(authenticate.authenticate(token.reveal())).isEmpty();
    }

    @Test
    void with_no_revocation_a_check_keeps_the_cache() {
        ApiKeyToken other = ApiKeyToken.issue();
        stored.add(ApiKey.issuedFor(WORKSPACE, other, START));

        watch.check();

        assertThat(authenticate.authenticate(token.reveal())).contains(WORKSPACE);
        assertThat(stored.lookups()).isEqualTo(1);
    }

    @Test
    void when_the_revocations_cannot_be_read_the_cache_is_dropped_rather_than_trusted() {
        keys.failing = true;

        watch.check();

        assertThat(authenticate.authenticate(token.reveal())).contains(WORKSPACE);
        assertThat(stored.lookups()).isEqualTo(2);
    }

    @Test
    void a_look_up_that_started_before_a_revocation_and_ends_after_the_check_is_not_kept() throws Exception {
        ApiKeyToken slow = ApiKeyToken.issue();
        stored.add(ApiKey.issuedFor(WORKSPACE, slow, START));
        CountDownLatch loaded = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        Thread lookUp = Thread.ofVirtual()
                .start(() -> cache.get(slow.id(), id -> {
                    Optional<ApiKey> beforeRevocation = stored.find(id);
                    loaded.countDown();
                    await(checked);
                    return beforeRevocation;
                }));
        assertThat(loaded.await(5, TimeUnit.SECONDS)).isTrue();
        stored.revoke(slow.id(), START);
        Thread checker = Thread.ofVirtual().start(watch::check);
        // The checker may wait for the look-up (the map's lock of that entry); let both finish.
        checked.countDown();
        lookUp.join(Duration.ofSeconds(5));
        checker.join(Duration.ofSeconds(5));

        assertThat(authenticate.authenticate(slow.reveal())).isEmpty();
    }

    @Test
    void started_it_checks_in_the_background() throws Exception {
        try (ApiKeyRevocationWatch running = new ApiKeyRevocationWatch(keys, cache)) {
            running.start(Duration.ofMillis(20));
            stored.revoke(token.id(), START);

            Instant deadline = Instant.now().plusSeconds(5);
            while (authenticate.authenticate(token.reveal()).isPresent()
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(10);
            }
        }

        assertThat(authenticate.authenticate(token.reveal())).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The fake, whose count of revocations can be made to fail as a database that is down does. */
    private static final class FlakyRevocations implements ApiKeyRepository {
        private final ApiKeyRepository delegate;
        volatile boolean failing;

        FlakyRevocations(ApiKeyRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public void add(ApiKey key) {
            delegate.add(key);
        }

        @Override
        public Optional<ApiKey> find(ApiKeyId keyId) {
            return delegate.find(keyId);
        }

        @Override
        public boolean revoke(ApiKeyId keyId, Instant at) {
            return delegate.revoke(keyId, at);
        }

        @Override
        public long revocations() {
            if (failing) {
                throw new StorageUnavailableException("database down", new RuntimeException());
            }
            return delegate.revocations();
        }
    }
}
