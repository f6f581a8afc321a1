package org.agenthooks.bootstrap;

import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.agenthooks.adapters.dashboard.Dashboard;
import org.agenthooks.adapters.delivery.HttpWebhookSender;
import org.agenthooks.adapters.delivery.NetworkDestinationPolicy;
import org.agenthooks.adapters.http.AgentUseCases;
import org.agenthooks.adapters.http.DeliveryUseCases;
import org.agenthooks.adapters.http.RestApi;
import org.agenthooks.adapters.http.WebhookUseCases;
import org.agenthooks.adapters.messaging.JetStreamIngest;
import org.agenthooks.adapters.messaging.rabbitmq.RabbitMqIngest;
import org.agenthooks.adapters.observability.Observability;
import org.agenthooks.adapters.observability.OpenTelemetryTracing;
import org.agenthooks.adapters.persistence.Database;
import org.agenthooks.adapters.persistence.DatabaseClock;
import org.agenthooks.adapters.persistence.JdbcStorageHealth;
import org.agenthooks.adapters.persistence.JdbcWebhookHistory;
import org.agenthooks.adapters.persistence.SecretSealer;
import org.agenthooks.adapters.persistence.WebhookSecretResealer;
import org.agenthooks.application.delivery.DeliveryDispatcher;
import org.agenthooks.application.port.in.DemoWorkspace;
import org.agenthooks.application.port.out.Tracing;
import org.agenthooks.application.service.AgentService;
import org.agenthooks.application.service.ApiKeyCache;
import org.agenthooks.application.service.ApiKeyRevocationWatch;
import org.agenthooks.application.service.AuthenticateService;
import org.agenthooks.application.service.CachingWebhookRepository;
import org.agenthooks.application.service.CheckSignatureService;
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
import org.agenthooks.application.service.RetentionService;
import org.agenthooks.application.service.RotateWebhookSecretService;
import org.agenthooks.application.service.SeedDemoWorkspaceService;
import org.agenthooks.application.service.SendTestEventService;
import org.agenthooks.application.service.UpdateWebhookService;
import org.agenthooks.application.service.WebhookStatsService;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * The running service: database, delivery dispatcher and HTTP server, wired with {@code new}. What it opens it
 * closes in the reverse order, on {@link #close()} or when a later step of {@link #start} fails.
 */
public final class Application implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Application.class.getName());
    /** How many agents' active webhooks the fan-out keeps at most; the oldest entries make way beyond that. */
    private static final int SUBSCRIBER_CACHE_AGENTS = 10_000;
    /** How often each instance reads the count of revoked API keys: a revocation takes effect within this. */
    private static final Duration REVOCATION_CHECK = Duration.ofSeconds(1);

    private final Deque<AutoCloseable> opened;
    private final int port;

    private Application(Deque<AutoCloseable> opened, int port) {
        this.opened = opened;
        this.port = port;
    }

    /**
     * Opens the database (migrating it), seeds the demo data if enabled, starts delivering and serving. If a step
     * fails, what the earlier ones opened is closed before the failure is thrown.
     */
    public static Application start(ServiceConfig config) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            Tracing tracing = OpenTelemetryTracing.of(config.tracing());
            if (tracing instanceof AutoCloseable exporting) {
                // Closed last of all: what the other parts did is exported before the process ends.
                opened.push(exporting);
            }
            return start(config, tracing, opened);
        } catch (RuntimeException e) {
            closeAll(opened).ifPresent(e::addSuppressed);
            throw e;
        }
    }

    /** As {@link #start(ServiceConfig)}, tracing through {@code tracing} (the caller's to close), as tests do. */
    static Application start(ServiceConfig config, Tracing tracing) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            return start(config, tracing, opened);
        } catch (RuntimeException e) {
            closeAll(opened).ifPresent(e::addSuppressed);
            throw e;
        }
    }

    private static Application start(ServiceConfig config, Tracing tracing, Deque<AutoCloseable> opened) {
        SecretSealer sealer = MasterKeys.sealer(config.secrets());
        Database database = Database.open(config.database());
        opened.push(database::close);
        // Instances compare each other's lease times: all take them from the database's clock.
        DatabaseClock clock = DatabaseClock.of(database, Clock.systemUTC());
        opened.push(clock::close);
        sealPlaintextSecrets(database, sealer);
        Observability observability = Observability.global();
        Repositories repositories =
                Repositories.on(database, sealer, observability.engineMetrics(), config.orderHold());
        // Closed before the database: the committer commits the appends still queued.
        opened.push(repositories.events()::close);
        if (config.demo().enabled()) {
            seedDemo(config.demo().apiKey(), repositories, clock);
        }
        HttpWebhookSender sender = new HttpWebhookSender(config.sender());
        opened.push(sender::close);
        CachingWebhookRepository webhooks = new CachingWebhookRepository(
                repositories.webhooks(),
                repositories.agents(),
                config.subscriberCacheTtl(),
                SUBSCRIBER_CACHE_AGENTS,
                clock);
        DeliveryDispatcher dispatcher = new DeliveryDispatcher(
                repositories.deliveries(),
                webhooks,
                sender,
                clock,
                config.dispatch(),
                observability.engineMetrics(),
                (workspaceId, webhookId, reason) -> {
                    logAutoDisabled(workspaceId, webhookId, reason);
                    observability.engineMetrics().webhookAutoDisabled();
                },
                tracing);
        observability.watch(
                repositories.deliveries(), config.observe().backlogRefresh(), dispatcher::attemptsInFlight, clock);
        observability.watchEndpoints(dispatcher::openEndpoints);
        NetworkDestinationPolicy destinations = new NetworkDestinationPolicy(config.allowPrivateNetworks());
        ApiKeyCache keyCache = new ApiKeyCache(config.api().keyCacheTtl(), 10_000, clock);
        ApiKeyRevocationWatch revocations = new ApiKeyRevocationWatch(repositories.keys(), keyCache);
        revocations.start(REVOCATION_CHECK);
        opened.push(revocations::close);
        AgentService agents = new AgentService(repositories.agents(), clock);
        DeliveryQueries queries = new DeliveryQueries(repositories.events(), repositories.deliveries(), webhooks);
        JdbcWebhookHistory history = new JdbcWebhookHistory(database);
        // One ingest for every way in (single, batch, bus): one set of rules.
        IngestEventService ingest = new IngestEventService(
                webhooks,
                repositories.agents(),
                repositories.events(),
                dispatcher,
                clock,
                observability.engineMetrics(),
                tracing);
        RestApi api = new RestApi(
                new AuthenticateService(repositories.keys(), keyCache),
                new WebhookUseCases(
                        new RegisterWebhookService(webhooks, repositories.agents(), destinations, clock),
                        new GetWebhookService(webhooks),
                        new ListWebhooksService(webhooks),
                        new UpdateWebhookService(webhooks, repositories.agents(), destinations, clock),
                        new ReplaceWebhookService(webhooks, repositories.agents(), destinations, clock),
                        new DeleteWebhookService(webhooks),
                        new RotateWebhookSecretService(webhooks, clock),
                        new GetEndpointHealthService(dispatcher)),
                new AgentUseCases(agents, agents, agents),
                new DeliveryUseCases(
                        ingest,
                        ingest,
                        queries,
                        queries,
                        queries,
                        new RedeliverService(repositories.deliveries(), dispatcher, clock),
                        new SendTestEventService(webhooks, repositories.events(), dispatcher, clock),
                        new WebhookStatsService(webhooks, repositories.deliveries(), clock),
                        new ReplayWebhookService(webhooks, history, clock),
                        new ListWebhookEventsService(webhooks, history, clock),
                        new CheckSignatureService(webhooks, repositories.events(), repositories.deliveries())),
                config.api().maxBodyBytes(),
                config.api().maxBatchBodyBytes(),
                config.api().rateLimits());
        dispatcher.start();
        opened.push(dispatcher::close);
        RetentionService retention = new RetentionService(
                repositories.events(), clock, config.retention().period());
        retention.start(config.retention().interval());
        opened.push(retention::close);
        config.nats().ifPresent(nats -> {
            // Closed before the dispatcher: the messages of the last pull are ingested and acknowledged first.
            JetStreamIngest consumer =
                    JetStreamIngest.start(nats.settings(), nats.source(), ingest, observability.engineMetrics());
            opened.push(consumer::close);
            observability.watchSource("nats", consumer::connected);
        });
        config.rabbitmq().ifPresent(rabbitmq -> {
            // As NATS: the broker may come later (readiness says so), and it is closed before the dispatcher.
            RabbitMqIngest consumer =
                    RabbitMqIngest.start(rabbitmq.settings(), rabbitmq.source(), ingest, observability.engineMetrics());
            opened.push(consumer::close);
            observability.watchSource("rabbitmq", consumer::connected);
        });
        WebServer server = WebServer.builder()
                .config(config.server())
                .addFeature(observability.feature(
                        config.server().get("features.observe"),
                        new JdbcStorageHealth(database),
                        config.observe().readinessTimeout()))
                // set from the checked values, so both ways of writing a dashed key's variable work
                .idleConnectionTimeout(config.connections().idleTimeout())
                .idleConnectionPeriod(config.connections().idlePeriod())
                .addProtocol(RestApi.http1(config.connections().requestReadTimeout()))
                .directHandlers(RestApi.directHandlers())
                .routing(routing -> {
                    routing.addFilter(observability.apiRequests());
                    new Dashboard().routing(routing); // before the API's catch-all 404
                    api.routing(routing);
                })
                .build()
                .start();
        opened.push(server::stop);
        if (!server.isRunning()) {
            // Helidon logs why (a port in use, say) and returns a server that is not running.
            throw new IllegalStateException("the web server did not start on "
                    + config.server().get("host").asString().orElse("") + ":"
                    + config.server().get("port").asString().orElse(""));
        }
        LOG.log(
                System.Logger.Level.INFO,
                "Agent webhooks listening on http://localhost:" + server.port()
                        + " (profile " + config.profile() + ", database "
                        + config.database().url().replaceAll(";.*", "")
                        + ")");
        return new Application(opened, server.port());
    }

    /** Where the delivery engine reports a webhook it turned off by itself; metrics count these too. */
    private static void logAutoDisabled(WorkspaceId workspaceId, WebhookId webhookId, String reason) {
        LOG.log(
                System.Logger.Level.WARNING,
                "Webhook " + webhookId + " of workspace " + workspaceId + " is now inactive: " + reason);
    }

    /** A database from before secrets were sealed (schema V3 or older) has them sealed now, once. */
    private static void sealPlaintextSecrets(Database database, SecretSealer sealer) {
        int sealed = new WebhookSecretResealer(database.client(), sealer).sealPlaintext();
        if (sealed > 0) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "Sealed the plaintext secrets of " + sealed + " webhooks under master key "
                            + sealer.currentKeyId());
        }
    }

    private static void seedDemo(Optional<ApiKeyToken> wanted, Repositories repositories, Clock clock) {
        DemoWorkspace demo = new SeedDemoWorkspaceService(
                        repositories.workspaces(), repositories.agents(), repositories.keys(), clock)
                .seed(wanted);
        LOG.log(System.Logger.Level.INFO, "Demo workspace " + demo.workspaceId() + " with agents " + demo.agents());
        if (wanted.isPresent()) {
            // The caller knows the key already: its secret part has no business in the log.
            LOG.log(System.Logger.Level.INFO, "Demo API key: " + wanted.get() + " (the one DEMO_API_KEY sets)");
            return;
        }
        demo.newKey()
                .ifPresentOrElse(
                        key -> LOG.log(System.Logger.Level.INFO, "Demo API key: " + key.reveal()),
                        () -> LOG.log(
                                System.Logger.Level.INFO,
                                "Demo API key: shown at first start only; set DEMO_API_KEY to choose one"));
    }

    public int port() {
        return port;
    }

    /** Stops accepting requests, lets deliveries in flight finish or hands them back, then closes the database. */
    @Override
    public void close() {
        closeAll(opened)
                .ifPresent(failure ->
                        LOG.log(System.Logger.Level.WARNING, "Closing the service did not go cleanly", failure));
    }

    /** Closes everything, the last opened first, going on past failures; the first failure, with the rest. */
    private static Optional<RuntimeException> closeAll(Deque<AutoCloseable> opened) {
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return Optional.ofNullable(failure);
    }
}
