package org.agenthooks.application.fakes;

import java.time.Clock;
import java.time.Duration;
import org.agenthooks.application.port.in.AuthenticateUseCase;
import org.agenthooks.application.port.in.CreateAgentUseCase;
import org.agenthooks.application.port.in.CreateWorkspaceUseCase;
import org.agenthooks.application.port.in.DeleteWebhookUseCase;
import org.agenthooks.application.port.in.GetAgentUseCase;
import org.agenthooks.application.port.in.GetWebhookUseCase;
import org.agenthooks.application.port.in.ListAgentsUseCase;
import org.agenthooks.application.port.in.ListWebhooksUseCase;
import org.agenthooks.application.port.in.RegisterWebhookUseCase;
import org.agenthooks.application.port.in.ReplaceWebhookUseCase;
import org.agenthooks.application.port.in.RevokeApiKeyUseCase;
import org.agenthooks.application.port.in.UpdateWebhookUseCase;
import org.agenthooks.application.service.AgentService;
import org.agenthooks.application.service.ApiKeyCache;
import org.agenthooks.application.service.AuthenticateService;
import org.agenthooks.application.service.CreateWorkspaceService;
import org.agenthooks.application.service.DeleteWebhookService;
import org.agenthooks.application.service.GetWebhookService;
import org.agenthooks.application.service.ListWebhooksService;
import org.agenthooks.application.service.RegisterWebhookService;
import org.agenthooks.application.service.ReplaceWebhookService;
import org.agenthooks.application.service.RevokeApiKeyService;
import org.agenthooks.application.service.UpdateWebhookService;

/** The real services wired to in-memory fakes: for adapter tests that need the application but no database. */
public final class InMemoryApplication {
    public final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    public final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    public final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    public final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository();
    private final Clock clock;
    private final ApiKeyCache keyCache;

    public InMemoryApplication(Clock clock) {
        this.clock = clock;
        this.keyCache = new ApiKeyCache(Duration.ofSeconds(30), 10_000, clock);
    }

    public RegisterWebhookUseCase register() {
        return new RegisterWebhookService(webhooks, agents, clock);
    }

    public GetWebhookUseCase get() {
        return new GetWebhookService(webhooks);
    }

    public ListWebhooksUseCase list() {
        return new ListWebhooksService(webhooks);
    }

    public UpdateWebhookUseCase update() {
        return new UpdateWebhookService(webhooks, agents, clock);
    }

    public ReplaceWebhookUseCase replace() {
        return new ReplaceWebhookService(webhooks, agents, clock);
    }

    public DeleteWebhookUseCase delete() {
        return new DeleteWebhookService(webhooks);
    }

    public AgentService agentService() {
        return new AgentService(agents, clock);
    }

    public CreateAgentUseCase createAgent() {
        return agentService();
    }

    public GetAgentUseCase getAgent() {
        return agentService();
    }

    public ListAgentsUseCase listAgents() {
        return agentService();
    }

    public AuthenticateUseCase authenticate() {
        return new AuthenticateService(keys, keyCache);
    }

    public RevokeApiKeyUseCase revokeKey() {
        return new RevokeApiKeyService(keys, keyCache, clock);
    }

    public CreateWorkspaceUseCase createWorkspace() {
        return new CreateWorkspaceService(workspaces, keys, clock);
    }
}
