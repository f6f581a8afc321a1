package org.agenthooks.application.service;

import static org.agenthooks.application.service.SeedDemoWorkspaceService.DEMO_WORKSPACE;
import static org.agenthooks.application.service.SeedDemoWorkspaceService.DOCS_AGENT;
import static org.agenthooks.application.service.SeedDemoWorkspaceService.SECOND_AGENT;
import static org.agenthooks.application.testing.Fixtures.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.agenthooks.application.fakes.InMemoryAgentRepository;
import org.agenthooks.application.fakes.InMemoryApiKeyRepository;
import org.agenthooks.application.fakes.InMemoryWorkspaceRepository;
import org.agenthooks.application.port.in.DemoWorkspace;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

class SeedDemoWorkspaceServiceTest {
    private static final ApiKeyToken CONFIGURED =
            ApiKeyToken.parse("key_DemoKey0001.demo-secret-part-0123456789").orElseThrow();

    private final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    private final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository();
    private final TestClock clock = new TestClock(START);
    private final SeedDemoWorkspaceService service = new SeedDemoWorkspaceService(workspaces, agents, keys, clock);
    private final AuthenticateService authenticate =
            new AuthenticateService(keys, new ApiKeyCache(Duration.ofMinutes(1), 100, clock));

    @Test
    void the_first_seed_creates_the_workspace_and_its_two_agents() {
        DemoWorkspace demo = service.seed(Optional.empty());

        assertThat(demo.workspaceId()).isEqualTo(DEMO_WORKSPACE);
        assertThat(workspaces.find(DEMO_WORKSPACE)).map(Workspace::createdAt).contains(START);
        assertThat(agents.list(DEMO_WORKSPACE))
                .extracting(Agent::id)
                .containsExactlyInAnyOrder(DOCS_AGENT, SECOND_AGENT);
        assertThat(demo.agents()).containsExactly(DOCS_AGENT, SECOND_AGENT);
    }

    @Test
    void the_docs_agent_is_the_one_the_public_docs_use() {
        assertThat(DOCS_AGENT.value()).isEqualTo("D5D0p7TUs66TTAEAx");
    }

    @Test
    void the_first_seed_without_a_configured_key_shows_a_random_key_that_opens_the_demo_workspace() {
        DemoWorkspace demo = service.seed(Optional.empty());

        ApiKeyToken shown = demo.newKey().orElseThrow();
        assertThat(authenticate.authenticate(shown.reveal())).contains(DEMO_WORKSPACE);
    }

    @Test
    void a_second_seed_adds_nothing_and_shows_no_key() {
        DemoWorkspace first = service.seed(Optional.empty());
        clock.advance(Duration.ofHours(1));

        DemoWorkspace second = service.seed(Optional.empty());

        assertThat(second.newKey()).isEmpty();
        assertThat(second.workspaceId()).isEqualTo(DEMO_WORKSPACE);
        assertThat(workspaces.find(DEMO_WORKSPACE)).map(Workspace::createdAt).contains(START);
        assertThat(agents.list(DEMO_WORKSPACE))
                .hasSize(2)
                .allSatisfy(a -> assertThat(a.createdAt()).isEqualTo(START));
        assertThat(authenticate.authenticate(first.newKey().orElseThrow().reveal()))
                .contains(DEMO_WORKSPACE);
    }

    @Test
    void a_configured_key_is_stored_for_the_demo_workspace_and_shown() {
        DemoWorkspace demo = service.seed(Optional.of(CONFIGURED));

        assertThat(demo.newKey()).contains(CONFIGURED);
        assertThat(keys.find(CONFIGURED.id())).map(ApiKey::workspaceId).contains(DEMO_WORKSPACE);
        assertThat(authenticate.authenticate("key_DemoKey0001.demo-secret-part-0123456789"))
                .contains(DEMO_WORKSPACE);
    }

    @Test
    void seeding_again_with_the_same_configured_key_changes_nothing_and_shows_it_again() {
        service.seed(Optional.of(CONFIGURED));
        ApiKey storedFirst = keys.find(CONFIGURED.id()).orElseThrow();
        clock.advance(Duration.ofHours(1));

        DemoWorkspace again = service.seed(Optional.of(CONFIGURED));

        assertThat(again.newKey()).contains(CONFIGURED);
        assertThat(keys.find(CONFIGURED.id()).orElseThrow().createdAt()).isEqualTo(storedFirst.createdAt());
        assertThat(agents.list(DEMO_WORKSPACE)).hasSize(2);
    }

    @Test
    void a_key_configured_on_a_later_start_is_added_to_the_existing_demo_workspace() {
        service.seed(Optional.empty());

        DemoWorkspace later = service.seed(Optional.of(CONFIGURED));

        assertThat(later.newKey()).contains(CONFIGURED);
        assertThat(authenticate.authenticate(CONFIGURED.reveal())).contains(DEMO_WORKSPACE);
    }

    @Test
    void a_configured_key_whose_id_is_stored_with_another_secret_is_refused_without_revealing_it() {
        service.seed(Optional.empty());
        ApiKeyToken sameIdOtherSecret = new ApiKeyToken(CONFIGURED.id(), "a-different-secret-part-xyz");
        keys.add(ApiKey.issuedFor(DEMO_WORKSPACE, sameIdOtherSecret, START));

        assertThatThrownBy(() -> service.seed(Optional.of(CONFIGURED)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(CONFIGURED.id().value())
                .hasMessageNotContaining(CONFIGURED.secretPart());
        assertThat(authenticate.authenticate(CONFIGURED.reveal())).isEmpty();
    }

    @Test
    void a_configured_key_whose_id_belongs_to_another_workspace_is_refused() {
        keys.add(ApiKey.issuedFor(new WorkspaceId("org_someoneElse00001"), CONFIGURED, START));

        assertThatThrownBy(() -> service.seed(Optional.of(CONFIGURED))).isInstanceOf(IllegalStateException.class);
        assertThat(authenticate.authenticate(CONFIGURED.reveal())).isNotEqualTo(Optional.of(DEMO_WORKSPACE));
    }
}
