package org.agenthooks.domain.workspace;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspaceIdTest {

    @Test
    void org_and_16_letters_or_digits_is_a_workspace_id() {
        WorkspaceId id = new WorkspaceId("org_demoWorkspace001");

        assertThat(id.value()).isEqualTo("org_demoWorkspace001");
        assertThat(id).hasToString("org_demoWorkspace001");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "org_",
                "org_demoWorkspace00",
                "org_demoWorkspace0011",
                "wh_demoWorkspace001",
                "ORG_demoWorkspace001",
                "org_demoWorkspace-01",
                "org_demo_orkspace01",
                "demoWorkspace001xxxx"
            })
    void anything_else_is_rejected_as_workspace_id(String value) {
        assertThat(rejected("workspaceId", () -> new WorkspaceId(value))).contains("'org_'");
    }

    @Test
    void random_workspace_ids_are_well_formed_and_differ() {
        WorkspaceId one = WorkspaceId.random();
        WorkspaceId two = WorkspaceId.random();

        assertThat(one.value()).matches("org_[0-9A-Za-z]{16}");
        assertThat(one).isNotEqualTo(two);
    }

    @Test
    void workspace_ids_are_equal_by_value() {
        assertThat(new WorkspaceId("org_demoWorkspace001")).isEqualTo(new WorkspaceId("org_demoWorkspace001"));
    }
}
