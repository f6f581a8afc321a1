package org.agenthooks.domain.workspace;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkspaceTest {
    private static final WorkspaceId ID = new WorkspaceId("org_demoWorkspace001");
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void a_workspace_name_may_be_up_to_100_characters() {
        assertThat(new Workspace(ID, "a".repeat(100), NOW).name()).hasSize(100);
    }

    @Test
    void a_workspace_name_may_not_be_blank_or_longer_than_100_characters() {
        rejected("name", () -> new Workspace(ID, null, NOW));
        rejected("name", () -> new Workspace(ID, "  ", NOW));
        rejected("name", () -> new Workspace(ID, "a".repeat(101), NOW));
    }
}
