package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.assertNotFound;
import static org.agenthooks.application.testing.Fixtures.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.agenthooks.application.fakes.InMemoryAgentRepository;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.junit.jupiter.api.Test;

class AgentServiceTest {
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    private final TestClock clock = new TestClock(START);
    private final AgentService service = new AgentService(agents, clock);

    @Test
    void a_created_agent_gets_a_fresh_id_and_is_stored_in_its_workspace() {
        Agent created = service.create(WORKSPACE, "Support agent");

        assertThat(created.id().value()).matches("[0-9A-Za-z]{17}");
        assertThat(created.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(created.name()).isEqualTo("Support agent");
        assertThat(created.createdAt()).isEqualTo(START);
        assertThat(agents.find(WORKSPACE, created.id())).contains(created);
    }

    @Test
    void an_agent_needs_a_name() {
        assertRejected("name", () -> service.create(WORKSPACE, " "));

        assertThat(service.list(WORKSPACE)).isEmpty();
    }

    @Test
    void an_agent_is_read_back_in_its_own_workspace() {
        Agent created = service.create(WORKSPACE, "Support agent");

        assertThat(service.get(WORKSPACE, created.id())).isEqualTo(created);
    }

    @Test
    void another_workspaces_agent_is_not_found() {
        Agent created = service.create(WORKSPACE, "Support agent");

        assertNotFound("agent", created.id().value(), () -> service.get(OTHER_WORKSPACE, created.id()));
    }

    @Test
    void an_unknown_agent_is_not_found() {
        assertNotFound("agent", "noSuchAgent", () -> service.get(WORKSPACE, new AgentId("noSuchAgent")));
    }

    @Test
    void the_workspaces_agents_are_listed_newest_first_and_no_others() {
        Agent older = service.create(WORKSPACE, "Older");
        clock.advance(Duration.ofSeconds(1));
        Agent newer = service.create(WORKSPACE, "Newer");
        service.create(OTHER_WORKSPACE, "Elsewhere");

        assertThat(service.list(WORKSPACE)).containsExactly(newer, older);
    }
}
