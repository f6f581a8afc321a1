package org.agenthooks.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.agenthooks.application.port.out.WorkspaceRepository;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link WorkspaceRepository} does; subclass it once per implementation. */
public abstract class WorkspaceRepositoryContract {
    private static final Instant CREATED = Instant.parse("2025-03-01T10:15:30.123456Z");

    private WorkspaceRepository workspaces;

    /** Fresh repositories, or ones over a store that other tests of the class may have written to. */
    protected abstract Repositories repositories();

    @BeforeEach
    void setUp() {
        workspaces = repositories().workspaces();
    }

    @Test
    void a_stored_workspace_is_found_as_it_was() {
        Workspace workspace = new Workspace(WorkspaceId.random(), "Acme support", CREATED);
        workspaces.add(workspace);

        assertThat(workspaces.find(workspace.id())).contains(workspace);
    }

    @Test
    void a_name_of_the_longest_allowed_text_outside_the_basic_plane_is_kept_as_it_was() {
        // 100 code points, 200 UTF-16 units: the store must count no tighter than the domain does
        Workspace workspace = new Workspace(WorkspaceId.random(), "\uD83D\uDE00".repeat(100), CREATED);
        workspaces.add(workspace);

        assertThat(workspaces.find(workspace.id())).contains(workspace);
    }

    @Test
    void an_unknown_workspace_is_not_found() {
        assertThat(workspaces.find(WorkspaceId.random())).isEmpty();
    }

    @Test
    void a_second_workspace_with_the_same_id_is_refused() {
        Workspace workspace = new Workspace(WorkspaceId.random(), "Acme support", CREATED);
        workspaces.add(workspace);

        assertThatThrownBy(() -> workspaces.add(new Workspace(workspace.id(), "Impostor", CREATED)))
                .isInstanceOf(RuntimeException.class);
        assertThat(workspaces.find(workspace.id())).contains(workspace);
    }
}
