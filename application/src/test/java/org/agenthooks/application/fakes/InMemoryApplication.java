package org.agenthooks.application.fakes;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.agenthooks.application.delivery.DeliveryDispatcher;
import org.agenthooks.application.delivery.DispatchSettings;
import org.agenthooks.application.port.in.AuthenticateUseCase;
import org.agenthooks.application.port.in.CheckSignatureUseCase;
import org.agenthooks.application.port.in.CreateAgentUseCase;
import org.agenthooks.application.port.in.CreateWorkspaceUseCase;
import org.agenthooks.application.port.in.DeleteWebhookUseCase;
import org.agenthooks.application.port.in.GetAgentUseCase;
import org.agenthooks.application.port.in.GetDeliveryUseCase;
import org.agenthooks.application.port.in.GetEndpointHealthUseCase;
import org.agenthooks.application.port.in.GetEventUseCase;
import org.agenthooks.application.port.in.GetWebhookStatsUseCase;
import org.agenthooks.application.port.in.GetWebhookUseCase;
import org.agenthooks.application.port.in.IngestEventBatchUseCase;
import org.agenthooks.application.port.in.IngestEventUseCase;
import org.agenthooks.application.port.in.ListAgentsUseCase;
import org.agenthooks.application.port.in.ListDeliveriesUseCase;
import org.agenthooks.application.port.in.ListWebhookEventsUseCase;
import org.agenthooks.application.port.in.ListWebhooksUseCase;
import org.agenthooks.application.port.in.RedeliverUseCase;
import org.agenthooks.application.port.in.RegisterWebhookUseCase;
import org.agenthooks.application.port.in.ReplaceWebhookUseCase;
import org.agenthooks.application.port.in.ReplayWebhookUseCase;
import org.agenthooks.application.port.in.RevokeApiKeyUseCase;
import org.agenthooks.application.port.in.RotateWebhookSecretUseCase;
import org.agenthooks.application.port.in.SendTestEventUseCase;
import org.agenthooks.application.port.in.UpdateWebhookUseCase;
import org.agenthooks.application.port.out.DestinationPolicy;
import org.agenthooks.application.port.out.EngineMetrics;
import org.agenthooks.application.service.AgentService;
import org.agenthooks.application.service.ApiKeyCache;
import org.agenthooks.application.service.AuthenticateService;
import org.agenthooks.application.service.CheckSignatureService;
import org.agenthooks.application.service.CreateWorkspaceService;
import org.agenthooks.application.service.DeleteWebhookService;
import org.agenthooks.application.service.DeliveryQueries;
import org.agenthooks.application.service.GetEndpointHealthService;
import org.agenthooks.application.service.GetWebhookService;
import org.agenthooks.application.service.IngestEventService;
import org.agenthooks.application.service.ListWebhookEventsService;
import org.agenthooks.application.service.ListWebhooksService;
import org.agenthooks.application.service.RedeliverService;
import org.agenthooks.application.service.RegisterWebhookService;
import org.agenthooks.application.service.ReplaceWebhookService;
import org.agenthooks.application.service.ReplayWebhookService;
import org.agenthooks.application.service.RevokeApiKeyService;
import org.agenthooks.application.service.RotateWebhookSecretService;
import org.agenthooks.application.service.SendTestEventService;
import org.agenthooks.application.service.UpdateWebhookService;
import org.agenthooks.application.service.WebhookStatsService;
import org.agenthooks.domain.delivery.RetrySchedule;
import org.agenthooks.domain.shared.InvalidInputException;

/** The real services wired to in-memory fakes: for adapter tests that need the application but no database. */
public final class InMemoryApplication implements AutoCloseable {
    public final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    public final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    public final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    public final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository();
    private final InMemoryTables tables = new InMemoryTables(webhooks);
    public final InMemoryEventRepository events = new InMemoryEventRepository(tables);
    public final InMemoryDeliveryRepository deliveries = new InMemoryDeliveryRepository(tables);
    public final InMemoryWebhookHistory history = new InMemoryWebhookHistory(tables);
    public final RecordingWebhookSender sender = new RecordingWebhookSender();
    private final Clock clock;
    /** Refuses URLs on the host {@code refused.invalid}, so adapter tests can see a policy refusal. */
    private final DestinationPolicy destinations = url -> {
        if (url.host().equals("refused.invalid")) {
            throw InvalidInputException.of("url", "must not point at a private or loopback address");
        }
    };

    private final ApiKeyCache keyCache;
    private final DeliveryDispatcher dispatcher;

    /** Starts a dispatcher over the fakes; {@link #close()} stops it. */
    public InMemoryApplication(Clock clock) {
        this.clock = clock;
        this.keyCache = new ApiKeyCache(Duration.ofSeconds(30), 10_000, clock);
        this.dispatcher = new DeliveryDispatcher(
                deliveries,
                webhooks,
                sender,
                clock,
                new DispatchSettings(
                        new RetrySchedule(List.of(Duration.ZERO, Duration.ofMillis(50)), 0),
                        Duration.ofSeconds(30),
                        Duration.ofMillis(20),
                        100,
                        64,
                        8,
                        100,
                        Duration.ZERO,
                        Duration.ofSeconds(2),
                        Duration.ofHours(1)),
                EngineMetrics.none(),
                (workspaceId, webhookId, reason) -> {});
        dispatcher.start();
    }

    public IngestEventUseCase ingest() {
        return new IngestEventService(webhooks, agents, events, dispatcher, clock);
    }

    public IngestEventBatchUseCase ingestBatch() {
        return new IngestEventService(webhooks, agents, events, dispatcher, clock);
    }

    public GetEventUseCase getEvent() {
        return new DeliveryQueries(events, deliveries, webhooks);
    }

    public ListDeliveriesUseCase listDeliveries() {
        return new DeliveryQueries(events, deliveries, webhooks);
    }

    public GetDeliveryUseCase getDelivery() {
        return new DeliveryQueries(events, deliveries, webhooks);
    }

    public GetWebhookStatsUseCase stats() {
        return new WebhookStatsService(webhooks, deliveries, clock);
    }

    public RedeliverUseCase redeliver() {
        return new RedeliverService(deliveries, dispatcher, clock);
    }

    public ReplayWebhookUseCase replay() {
        return new ReplayWebhookService(webhooks, history, clock);
    }

    public ListWebhookEventsUseCase listWebhookEvents() {
        return new ListWebhookEventsService(webhooks, history, clock);
    }

    public CheckSignatureUseCase checkSignature() {
        return new CheckSignatureService(webhooks, events, deliveries);
    }

    public SendTestEventUseCase sendTest() {
        return new SendTestEventService(webhooks, events, dispatcher, clock);
    }

    @Override
    public void close() {
        dispatcher.close();
    }

    public RegisterWebhookUseCase register() {
        return new RegisterWebhookService(webhooks, agents, destinations, clock);
    }

    public GetEndpointHealthUseCase endpointHealth() {
        return new GetEndpointHealthService(dispatcher);
    }

    public GetWebhookUseCase get() {
        return new GetWebhookService(webhooks);
    }

    public ListWebhooksUseCase list() {
        return new ListWebhooksService(webhooks);
    }

    public UpdateWebhookUseCase update() {
        return new UpdateWebhookService(webhooks, agents, destinations, clock);
    }

    public RotateWebhookSecretUseCase rotateSecret() {
        return new RotateWebhookSecretService(webhooks, clock);
    }

    public ReplaceWebhookUseCase replace() {
        return new ReplaceWebhookService(webhooks, agents, destinations, clock);
    }

    public DeleteWebhookUseCase delete() {
        return new DeleteWebhookService(webhooks);
    }

    private AgentService agentService() {
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
