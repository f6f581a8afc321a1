package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.agenthooks.application.fakes.InMemoryApiKeyRepository;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticateServiceTest {
    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);

    private final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository();
    private final TestClock clock = new TestClock(START);
    private final ApiKeyCache cache = new ApiKeyCache(TIME_TO_LIVE, 1000, clock);
    private final AuthenticateService service = new AuthenticateService(keys, cache);
    private final ApiKeyToken token = ApiKeyToken.issue();

    @BeforeEach
    void a_key_was_issued() {
        keys.add(ApiKey.issuedFor(WORKSPACE, token, START));
    }

    @Test
    void a_good_key_opens_its_workspace() {
        assertThat(service.authenticate(token.reveal())).contains(WORKSPACE);
    }

    @Test
    void the_right_id_with_a_wrong_secret_part_opens_nothing() {
        String wrongSecret = "key_" + token.id().value() + "." + "x".repeat(40);

        assertThat(service.authenticate(wrongSecret)).isEmpty();
    }

    @Test
    void a_secret_part_that_is_one_character_off_opens_nothing() {
        String presented = token.reveal();
        char last = presented.charAt(presented.length() - 1);
        String offByOne = presented.substring(0, presented.length() - 1) + (last == 'a' ? 'b' : 'a');

        assertThat(service.authenticate(offByOne)).isEmpty();
    }

    @Test
    void a_revoked_key_opens_nothing() {
        keys.revoke(token.id(), START);

        assertThat(service.authenticate(token.reveal())).isEmpty();
    }

    @Test
    void a_well_formed_key_that_was_never_issued_opens_nothing() {
        assertThat(service.authenticate(ApiKeyToken.issue().reveal())).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"garbage", "Bearer xyz", "key_", "key_tooShort.x", "key_C6HL3Goru7Q"})
    void garbage_opens_nothing_and_is_not_looked_up(String presented) {
        assertThat(service.authenticate(presented)).isEmpty();
        assertThat(keys.lookups()).isZero();
    }

    @Test
    void a_second_authentication_of_the_same_key_does_not_hit_the_repository_again() {
        service.authenticate(token.reveal());
        int afterFirst = keys.lookups();

        assertThat(service.authenticate(token.reveal())).contains(WORKSPACE);
        assertThat(afterFirst).isEqualTo(1);
        assertThat(keys.lookups()).isEqualTo(1);
    }

    @Test
    void a_wrong_secret_part_for_a_cached_key_is_still_refused() {
        service.authenticate(token.reveal());

        assertThat(service.authenticate("key_" + token.id().value() + "." + "y".repeat(40)))
                .isEmpty();
        assertThat(keys.lookups()).isEqualTo(1);
    }

    @Test
    void an_unknown_key_id_is_remembered_as_unknown_too() {
        String unknown = ApiKeyToken.issue().reveal();

        service.authenticate(unknown);
        service.authenticate(unknown);

        assertThat(keys.lookups()).isEqualTo(1);
    }

    @Test
    void after_the_time_to_live_the_key_is_looked_up_again() {
        service.authenticate(token.reveal());
        clock.advance(TIME_TO_LIVE.plusSeconds(1));

        assertThat(service.authenticate(token.reveal())).contains(WORKSPACE);
        assertThat(keys.lookups()).isEqualTo(2);
    }

    @Test
    void a_revocation_made_elsewhere_takes_effect_after_the_time_to_live() {
        service.authenticate(token.reveal());
        keys.revoke(token.id(), START);

        assertThat(service.authenticate(token.reveal())).contains(WORKSPACE);
        clock.advance(TIME_TO_LIVE.plusSeconds(1));
        assertThat(service.authenticate(token.reveal())).isEmpty();
    }

    @Test
    void a_full_cache_starts_over_rather_than_growing() {
        ApiKeyCache tiny = new ApiKeyCache(TIME_TO_LIVE, 2, clock);
        AuthenticateService withTinyCache = new AuthenticateService(keys, tiny);

        withTinyCache.authenticate(token.reveal());
        withTinyCache.authenticate(ApiKeyToken.issue().reveal());
        withTinyCache.authenticate(ApiKeyToken.issue().reveal());
        withTinyCache.authenticate(token.reveal());

        assertThat(keys.lookups()).isEqualTo(4);
    }

    @Test
    void two_keys_of_the_same_workspace_both_open_it() {
        ApiKeyToken second = ApiKeyToken.issue();
        keys.add(ApiKey.issuedFor(WORKSPACE, second, START));

        assertThat(service.authenticate(token.reveal())).contains(WORKSPACE);
        assertThat(service.authenticate(second.reveal())).contains(WORKSPACE);
    }
}
