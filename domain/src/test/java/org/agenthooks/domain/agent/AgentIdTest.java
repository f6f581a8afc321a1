package org.agenthooks.domain.agent;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"D5D0p7TUs66TTAEAx", "a", "agent_1", "agent-1", "A"})
    void letters_digits_underscores_and_dashes_make_an_agent_id(String value) {
        assertThat(new AgentId(value)).hasToString(value);
    }

    @Test
    void an_agent_id_may_be_64_characters_but_not_65() {
        assertThat(new AgentId("a".repeat(64)).value()).hasSize(64);
        rejected("agentId", () -> new AgentId("a".repeat(65)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "agent 1", "agent.1", "agent/1", "agént", "agent\n"})
    void anything_else_is_rejected_as_agent_id(String value) {
        rejected("agentId", () -> new AgentId(value));
    }

    @Test
    void random_agent_ids_look_like_the_docs_example_and_differ() {
        AgentId one = AgentId.random();

        assertThat(one.value()).matches("[0-9A-Za-z]{17}");
        assertThat(one).isNotEqualTo(AgentId.random());
    }
}
