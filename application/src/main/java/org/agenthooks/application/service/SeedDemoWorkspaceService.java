package org.agenthooks.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.port.in.DemoWorkspace;
import org.agenthooks.application.port.in.SeedDemoWorkspaceUseCase;
import org.agenthooks.application.port.out.AgentRepository;
import org.agenthooks.application.port.out.ApiKeyRepository;
import org.agenthooks.application.port.out.WorkspaceRepository;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Seeds the demo workspace once: the workspace, the agent the public docs use ({@code D5D0p7TUs66TTAEAx}) and a
 * second one, and an API key (the configured one, else a random one). Running it again adds nothing but a
 * configured key that is not there yet.
 */
public final class SeedDemoWorkspaceService implements SeedDemoWorkspaceUseCase {
    public static final WorkspaceId DEMO_WORKSPACE = new WorkspaceId("org_demoWorkspace001");
    public static final AgentId DOCS_AGENT = new AgentId("D5D0p7TUs66TTAEAx");
    public static final AgentId SECOND_AGENT = new AgentId("Q7mZ2wX9cLr4VbN8k");

    private final WorkspaceRepository workspaces;
    private final AgentRepository agents;
    private final ApiKeyRepository keys;
    private final Clock clock;

    public SeedDemoWorkspaceService(
            WorkspaceRepository workspaces, AgentRepository agents, ApiKeyRepository keys, Clock clock) {
        this.workspaces = workspaces;
        this.agents = agents;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public DemoWorkspace seed(Optional<ApiKeyToken> wantedKey) {
        Instant now = Timestamps.now(clock);
        boolean firstStart = workspaces.find(DEMO_WORKSPACE).isEmpty();
        if (firstStart) {
            workspaces.add(new Workspace(DEMO_WORKSPACE, "Demo workspace", now));
        }
        addAgentIfMissing(DOCS_AGENT, "Support agent (the docs' example)", now);
        addAgentIfMissing(SECOND_AGENT, "Sales agent", now);
        Optional<ApiKeyToken> shown = Optional.empty();
        if (wantedKey.isPresent()) {
            ApiKeyToken token = wantedKey.get();
            Optional<ApiKey> stored = keys.find(token.id());
            if (stored.isEmpty()) {
                keys.add(ApiKey.issuedFor(DEMO_WORKSPACE, token, now));
            } else if (stored.get().isRevoked()) {
                throw new IllegalStateException(
                        "the configured demo API key " + token + " was revoked;" + " configure another one");
            } else if (!stored.get().workspaceId().equals(DEMO_WORKSPACE)
                    || !stored.get().opens(token)) {
                throw new IllegalStateException(
                        "the configured demo API key " + token + " clashes with a different stored key of the same id");
            }
            shown = Optional.of(token);
        } else if (firstStart) {
            ApiKeyToken token = ApiKeyToken.issue();
            keys.add(ApiKey.issuedFor(DEMO_WORKSPACE, token, now));
            shown = Optional.of(token);
        }
        return new DemoWorkspace(DEMO_WORKSPACE, shown, List.of(DOCS_AGENT, SECOND_AGENT));
    }

    private void addAgentIfMissing(AgentId id, String name, Instant now) {
        if (agents.find(DEMO_WORKSPACE, id).isEmpty()) {
            agents.add(new Agent(id, DEMO_WORKSPACE, name, now));
        }
    }
}
