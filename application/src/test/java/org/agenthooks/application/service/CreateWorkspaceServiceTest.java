package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.assertNotFound;
import static org.agenthooks.application.testing.Fixtures.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.agenthooks.application.fakes.InMemoryApiKeyRepository;
import org.agenthooks.application.fakes.InMemoryWorkspaceRepository;
import org.agenthooks.application.port.in.CreatedWorkspace;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

/** Creating a workspace and issuing it further keys. */
class CreateWorkspaceServiceTest {
    private final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    private final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository();
    private final TestClock clock = new TestClock(START);
    private final CreateWorkspaceService create = new CreateWorkspaceService(workspaces, keys, clock);
    private final IssueApiKeyService issue = new IssueApiKeyService(workspaces, keys, clock);
    private final AuthenticateService authenticate =
            new AuthenticateService(keys, new ApiKeyCache(Duration.ofMinutes(1), 100, clock));

    @Test
    void a_created_workspace_is_stored_with_its_name_and_time() {
        CreatedWorkspace created = create.create("Acme");

        assertThat(workspaces.find(created.workspace().id())).contains(created.workspace());
        assertThat(created.workspace().name()).isEqualTo("Acme");
        assertThat(created.workspace().createdAt()).isEqualTo(START);
        assertThat(created.workspace().id().value()).startsWith("org_");
    }

    @Test
    void its_first_key_opens_it() {
        CreatedWorkspace created = create.create("Acme");

        assertThat(authenticate.authenticate(created.firstKey().reveal()))
                .contains(created.workspace().id());
    }

    @Test
    void only_the_hash_of_the_first_key_is_stored() {
        CreatedWorkspace created = create.create("Acme");

        ApiKey stored = keys.find(created.firstKey().id()).orElseThrow();
        assertThat(stored.workspaceId()).isEqualTo(created.workspace().id());
        assertThat(stored.secretHash()).isEqualTo(created.firstKey().secretHash());
        assertThat(stored.createdAt()).isEqualTo(START);
        assertThat(stored.isRevoked()).isFalse();
    }

    @Test
    void two_workspaces_get_different_ids_and_keys() {
        CreatedWorkspace one = create.create("Acme");
        CreatedWorkspace two = create.create("Acme");

        assertThat(one.workspace().id()).isNotEqualTo(two.workspace().id());
        assertThat(authenticate.authenticate(two.firstKey().reveal()))
                .contains(two.workspace().id());
    }

    @Test
    void a_workspace_needs_a_name() {
        assertRejected("name", () -> create.create(""));
    }

    @Test
    void a_further_key_opens_the_same_workspace_as_the_first() {
        CreatedWorkspace created = create.create("Acme");
        clock.advance(Duration.ofDays(1));

        ApiKeyToken second = issue.issue(created.workspace().id());

        assertThat(second.id()).isNotEqualTo(created.firstKey().id());
        assertThat(authenticate.authenticate(second.reveal()))
                .contains(created.workspace().id());
        assertThat(authenticate.authenticate(created.firstKey().reveal()))
                .contains(created.workspace().id());
        assertThat(keys.find(second.id()).orElseThrow().createdAt()).isEqualTo(START.plus(Duration.ofDays(1)));
    }

    @Test
    void no_key_is_issued_for_an_unknown_workspace() {
        WorkspaceId unknown = new WorkspaceId("org_nobodyHere000000");

        assertNotFound("workspace", unknown.value(), () -> issue.issue(unknown));
    }
}
