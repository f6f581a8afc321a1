package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.agenthooks.application.fakes.InMemoryApiKeyRepository;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyId;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RevokeApiKeyServiceTest {
    private final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository();
    private final TestClock clock = new TestClock(START);
    private final ApiKeyCache cache = new ApiKeyCache(Duration.ofMinutes(5), 1000, clock);
    private final AuthenticateService authenticate = new AuthenticateService(keys, cache);
    private final RevokeApiKeyService service = new RevokeApiKeyService(keys, cache, clock);
    private final ApiKeyToken token = ApiKeyToken.issue();

    @BeforeEach
    void a_key_was_issued_and_used() {
        keys.add(ApiKey.issuedFor(WORKSPACE, token, START));
        assertThat(authenticate.authenticate(token.reveal())).contains(WORKSPACE);
    }

    @Test
    void a_revoked_key_stops_working_at_once_though_it_was_cached() {
        service.revoke(token.id());

        assertThat(authenticate.authenticate(token.reveal())).isEmpty();
        assertThat(keys.lookups()).isEqualTo(2);
    }

    @Test
    void the_revocation_is_stored_with_the_time_it_happened() {
        clock.advance(Duration.ofMinutes(1));

        service.revoke(token.id());

        ApiKey stored = keys.find(token.id()).orElseThrow();
        assertThat(stored.isRevoked()).isTrue();
        assertThat(stored.revokedAt()).contains(START.plus(Duration.ofMinutes(1)));
    }

    @Test
    void revoking_one_key_leaves_other_keys_working() {
        ApiKeyToken other = ApiKeyToken.issue();
        keys.add(ApiKey.issuedFor(WORKSPACE, other, START));

        service.revoke(token.id());

        assertThat(authenticate.authenticate(other.reveal())).contains(WORKSPACE);
    }

    @Test
    void revoking_an_unknown_key_is_not_found() {
        ApiKeyId unknown = new ApiKeyId("C6HL3Goru7Q");

        assertNotFound("API key", "C6HL3Goru7Q", () -> service.revoke(unknown));
    }
}
