package org.agenthooks.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.agenthooks.application.port.out.ApiKeyRepository;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyId;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ApiKeyRepository} does; subclass it once per implementation. */
public abstract class ApiKeyRepositoryContract {
    private static final Instant ISSUED = Instant.parse("2025-03-01T10:15:30.123456Z");
    private static final Instant REVOKED = Instant.parse("2025-03-02T08:00:00.654321Z");

    private ApiKeyRepository keys;
    private WorkspaceId workspace;

    /** Fresh repositories, or ones over a store that other tests of the class may have written to. */
    protected abstract Repositories repositories();

    @BeforeEach
    void setUp() {
        Repositories repositories = repositories();
        keys = repositories.apiKeys();
        workspace = WorkspaceId.random();
        repositories.workspaces().add(new Workspace(workspace, "Key holders", ISSUED));
    }

    @Test
    void a_stored_key_is_found_with_its_hash_and_not_revoked() {
        ApiKeyToken token = ApiKeyToken.issue();
        keys.add(ApiKey.issuedFor(workspace, token, ISSUED));

        ApiKey found = keys.find(token.id()).orElseThrow();

        assertThat(found).usingRecursiveComparison().isEqualTo(ApiKey.issuedFor(workspace, token, ISSUED));
        assertThat(found.opens(token)).isTrue();
    }

    @Test
    void an_unknown_key_is_not_found() {
        assertThat(keys.find(ApiKeyId.random())).isEmpty();
    }

    @Test
    void a_second_key_with_the_same_id_is_refused() {
        ApiKeyToken token = ApiKeyToken.issue();
        keys.add(ApiKey.issuedFor(workspace, token, ISSUED));
        ApiKeyToken sameId = new ApiKeyToken(token.id(), "another-secret-part-0123456789");

        assertThatThrownBy(() -> keys.add(ApiKey.issuedFor(workspace, sameId, ISSUED)))
                .isInstanceOf(RuntimeException.class);
        assertThat(keys.find(token.id()).orElseThrow().opens(token)).isTrue();
    }

    @Test
    void a_revoked_key_is_found_revoked_and_opens_nothing() {
        ApiKeyToken token = ApiKeyToken.issue();
        keys.add(ApiKey.issuedFor(workspace, token, ISSUED));

        assertThat(keys.revoke(token.id(), REVOKED)).isTrue();

        ApiKey found = keys.find(token.id()).orElseThrow();
        assertThat(found.revokedAt()).contains(REVOKED);
        assertThat(found.createdAt()).isEqualTo(ISSUED);
        assertThat(found.opens(token)).isFalse();
    }

    @Test
    void revoking_again_keeps_the_first_revocation_time() {
        ApiKeyToken token = ApiKeyToken.issue();
        keys.add(ApiKey.issuedFor(workspace, token, ISSUED));
        keys.revoke(token.id(), REVOKED);

        assertThat(keys.revoke(token.id(), REVOKED.plusSeconds(3600))).isTrue();
        assertThat(keys.find(token.id()).orElseThrow().revokedAt()).isEqualTo(Optional.of(REVOKED));
    }

    @Test
    void revoking_an_unknown_key_reports_false() {
        assertThat(keys.revoke(ApiKeyId.random(), REVOKED)).isFalse();
    }

    @Test
    void revoking_one_key_leaves_the_others_working() {
        ApiKeyToken revoked = ApiKeyToken.issue();
        ApiKeyToken kept = ApiKeyToken.issue();
        keys.add(ApiKey.issuedFor(workspace, revoked, ISSUED));
        keys.add(ApiKey.issuedFor(workspace, kept, ISSUED));

        keys.revoke(revoked.id(), REVOKED);

        assertThat(keys.find(kept.id()).orElseThrow().opens(kept)).isTrue();
    }

    @Test
    void each_revoked_key_counts_once_among_the_revocations() {
        ApiKeyToken first = ApiKeyToken.issue();
        ApiKeyToken second = ApiKeyToken.issue();
        long before = keys.revocations();

        keys.add(ApiKey.issuedFor(workspace, first, ISSUED));
        keys.add(ApiKey.issuedFor(workspace, second, ISSUED));
        assertThat(keys.revocations()).as("after issuing").isEqualTo(before);

        keys.revoke(first.id(), REVOKED);
        assertThat(keys.revocations()).as("after one revocation").isEqualTo(before + 1);

        keys.revoke(first.id(), REVOKED.plusSeconds(60));
        keys.revoke(ApiKeyId.random(), REVOKED);
        assertThat(keys.revocations())
                .as("after revoking it again and an unknown key")
                .isEqualTo(before + 1);

        keys.revoke(second.id(), REVOKED);
        assertThat(keys.revocations()).as("after a second key").isEqualTo(before + 2);
    }
}
