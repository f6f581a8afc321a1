package org.agenthooks.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.agenthooks.application.port.out.AgentRepository;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AgentRepository} does; subclass it once per implementation. */
public abstract class AgentRepositoryContract {
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z");

    private Repositories repositories;
    private AgentRepository agents;
    private WorkspaceId workspace;
    private WorkspaceId otherWorkspace;

    /** Fresh repositories, or ones over a store that other tests of the class may have written to. */
    protected abstract Repositories repositories();

    @BeforeEach
    void setUp() {
        repositories = repositories();
        agents = repositories.agents();
        workspace = givenWorkspace();
        otherWorkspace = givenWorkspace();
    }

    @Test
    void a_stored_agent_is_found_as_it_was() {
        Agent agent = new Agent(AgentId.random(), workspace, "Support agent", T0);
        agents.add(agent);

        assertThat(agents.find(workspace, agent.id())).contains(agent);
    }

    @Test
    void a_name_of_the_longest_allowed_text_outside_the_basic_plane_is_kept_as_it_was() {
        // 100 code points, 200 UTF-16 units: the store must count no tighter than the domain does
        Agent agent = new Agent(AgentId.random(), workspace, "\uD83D\uDE00".repeat(100), T0);
        agents.add(agent);

        assertThat(agents.find(workspace, agent.id())).contains(agent);
    }

    @Test
    void an_agent_is_not_found_in_another_workspace() {
        Agent agent = new Agent(AgentId.random(), workspace, "Support agent", T0);
        agents.add(agent);

        assertThat(agents.find(otherWorkspace, agent.id())).isEmpty();
        assertThat(agents.find(workspace, AgentId.random())).isEmpty();
    }

    @Test
    void two_workspaces_may_each_have_an_agent_of_the_same_id() {
        AgentId id = AgentId.random();
        Agent ours = new Agent(id, workspace, "Ours", T0);
        Agent theirs = new Agent(id, otherWorkspace, "Theirs", T0.plusSeconds(1));
        agents.add(ours);
        agents.add(theirs);

        assertThat(agents.find(workspace, id)).contains(ours);
        assertThat(agents.find(otherWorkspace, id)).contains(theirs);
    }

    @Test
    void a_second_agent_with_the_same_id_in_the_same_workspace_is_refused() {
        Agent agent = new Agent(AgentId.random(), workspace, "Support agent", T0);
        agents.add(agent);

        assertThatThrownBy(() -> agents.add(new Agent(agent.id(), workspace, "Impostor", T0)))
                .isInstanceOf(RuntimeException.class);
        assertThat(agents.find(workspace, agent.id())).contains(agent);
    }

    @Test
    void the_list_holds_only_the_workspaces_agents_newest_first_and_by_id_when_created_together() {
        Agent oldest = new Agent(AgentId.random(), workspace, "Oldest", T0);
        Agent newest = new Agent(AgentId.random(), workspace, "Newest", T0.plusSeconds(60));
        List<Agent> createdTogether = Stream.of("A", "b", "C")
                .map(name -> new Agent(AgentId.random(), workspace, name, T0.plusSeconds(30)))
                .toList();
        agents.add(oldest);
        createdTogether.forEach(agents::add);
        agents.add(newest);
        agents.add(new Agent(AgentId.random(), otherWorkspace, "Not ours", T0.plusSeconds(45)));

        List<Agent> expected = Stream.of(List.of(newest), byIdDescending(createdTogether), List.of(oldest))
                .flatMap(List::stream)
                .toList();
        assertThat(agents.list(workspace)).containsExactlyElementsOf(expected);
    }

    @Test
    void a_workspace_without_agents_lists_none() {
        assertThat(agents.list(givenWorkspace())).isEmpty();
    }

    private WorkspaceId givenWorkspace() {
        WorkspaceId id = WorkspaceId.random();
        repositories.workspaces().add(new Workspace(id, "Workspace " + id, T0));
        return id;
    }

    private static List<Agent> byIdDescending(List<Agent> agents) {
        return agents.stream()
                .sorted(Comparator.comparing((Agent agent) -> agent.id().value())
                        .reversed())
                .toList();
    }
}
