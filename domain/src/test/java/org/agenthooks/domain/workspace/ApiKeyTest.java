package org.agenthooks.domain.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
    private static final WorkspaceId WORKSPACE = new WorkspaceId("org_demoWorkspace001");
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void an_issued_key_belongs_to_its_workspace_and_is_not_revoked() {
        ApiKeyToken token = ApiKeyToken.issue();

        ApiKey key = ApiKey.issuedFor(WORKSPACE, token, NOW);

        assertThat(key.id()).isEqualTo(token.id());
        assertThat(key.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(key.createdAt()).isEqualTo(NOW);
        assertThat(key.isRevoked()).isFalse();
        assertThat(key.secretHash()).isEqualTo(token.secretHash());
    }

    @Test
    void a_key_opens_with_its_own_token() {
        ApiKeyToken token = ApiKeyToken.issue();

        assertThat(ApiKey.issuedFor(WORKSPACE, token, NOW).opens(token)).isTrue();
    }

    @Test
    void a_revoked_key_does_not_open() {
        ApiKeyToken token = ApiKeyToken.issue();
        ApiKey issued = ApiKey.issuedFor(WORKSPACE, token, NOW);

        ApiKey revoked = new ApiKey(issued.id(), WORKSPACE, issued.secretHash(), NOW, Optional.of(NOW.plusSeconds(1)));

        assertThat(revoked.isRevoked()).isTrue();
        assertThat(revoked.opens(token)).isFalse();
    }

    @Test
    void a_key_does_not_open_with_a_wrong_secret_part() {
        ApiKeyToken token = ApiKeyToken.issue();
        ApiKeyToken wrongSecret = new ApiKeyToken(token.id(), "x".repeat(40));

        assertThat(ApiKey.issuedFor(WORKSPACE, token, NOW).opens(wrongSecret)).isFalse();
    }

    @Test
    void a_key_does_not_open_with_its_secret_part_under_another_id() {
        ApiKeyToken token = ApiKeyToken.issue();
        ApiKeyToken otherId = new ApiKeyToken(ApiKeyId.random(), token.secretPart());

        assertThat(ApiKey.issuedFor(WORKSPACE, token, NOW).opens(otherId)).isFalse();
    }

    @Test
    void changing_a_handed_out_hash_does_not_change_the_key() {
        ApiKeyToken token = ApiKeyToken.issue();
        byte[] given = token.secretHash();
        ApiKey key = new ApiKey(token.id(), WORKSPACE, given, NOW, Optional.empty());

        given[0] ^= 1;
        key.secretHash()[1] ^= 1;

        assertThat(key.opens(token)).isTrue();
    }
}
