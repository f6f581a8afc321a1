package org.agenthooks.domain.agent;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

class AgentTest {
    private static final AgentId ID = new AgentId("D5D0p7TUs66TTAEAx");
    private static final WorkspaceId WORKSPACE = new WorkspaceId("org_demoWorkspace001");
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void an_agent_name_may_be_up_to_100_characters() {
        assertThat(new Agent(ID, WORKSPACE, "a".repeat(100), NOW).name()).hasSize(100);
    }

    @Test
    void an_agent_name_may_not_be_blank_or_longer_than_100_characters() {
        rejected("name", () -> new Agent(ID, WORKSPACE, null, NOW));
        rejected("name", () -> new Agent(ID, WORKSPACE, "\t", NOW));
        rejected("name", () -> new Agent(ID, WORKSPACE, "a".repeat(101), NOW));
    }
}
