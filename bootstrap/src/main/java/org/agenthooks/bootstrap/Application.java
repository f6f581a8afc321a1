package org.agenthooks.bootstrap;

import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.agenthooks.adapters.delivery.HttpWebhookSender;
import org.agenthooks.adapters.delivery.NetworkDestinationPolicy;
import org.agenthooks.adapters.http.AgentUseCases;
import org.agenthooks.adapters.http.DeliveryUseCases;
import org.agenthooks.adapters.http.RestApi;
import org.agenthooks.adapters.http.WebhookUseCases;
import org.agenthooks.adapters.persistence.Database;
import org.agenthooks.adapters.persistence.JdbcEventRepository;
import org.agenthooks.application.port.in.DemoWorkspace;
import org.agenthooks.application.service.AgentService;
import org.agenthooks.application.service.ApiKeyCache;
import org.agenthooks.application.service.AuthenticateService;
import org.agenthooks.application.service.CachingWebhookRepository;
import org.agenthooks.application.service.DeleteWebhookService;
import org.agenthooks.application.delivery.DeliveryDispatcher;
import org.agenthooks.application.service.DeliveryQueries;
import org.agenthooks.application.service.GetWebhookService;
import org.agenthooks.application.service.IngestEventService;
import org.agenthooks.application.service.ListWebhooksService;
import org.agenthooks.application.service.RedeliverService;
import org.agenthooks.application.service.RegisterWebhookService;
import org.agenthooks.application.service.ReplaceWebhookService;
import org.agenthooks.application.service.RetentionService;
import org.agenthooks.application.service.SeedDemoWorkspaceService;
import org.agenthooks.application.service.SendTestEventService;
import org.agenthooks.application.service.UpdateWebhookService;
import org.agenthooks.domain.workspace.ApiKeyToken;

/** The running service: database, delivery dispatcher and HTTP server, wired with {@code new}. */
public final class Application implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Application.class.getName());

    private final Database database;
    private final JdbcEventRepository events;
    private final HttpWebhookSender sender;
    private final DeliveryDispatcher dispatcher;
    private final RetentionService retention;
    private final WebServer server;

    private Application(Database database, JdbcEventRepository events, HttpWebhookSender sender,
                        DeliveryDispatcher dispatcher, RetentionService retention, WebServer server) {
        this.database = database;
        this.events = events;
        this.sender = sender;
        this.dispatcher = dispatcher;
        this.retention = retention;
        this.server = server;
    }

    /** Opens the database (migrating it), seeds the demo data if enabled, starts delivering and serving. */
    public static Application start(ServiceConfig config) {
        Clock clock = Clock.systemUTC();
        Duration retentionPeriod = config.retentionPeriod(); // a bad setting fails here, before anything is opened
        Database database = Database.open(config.database());
        Repositories repositories = Repositories.on(database);
        if (config.demoEnabled()) {
            seedDemo(config, repositories, clock);
        }
        if (config.dispatch().lease().compareTo(config.sender().attemptTimeout().multipliedBy(2)) < 0) {
            LOG.warning("delivery.lease is under twice delivery.attempt-timeout: a slow attempt may outlive its"
                    + " lease and another instance may send the same delivery again");
        }
        HttpWebhookSender sender = new HttpWebhookSender(config.sender());
        CachingWebhookRepository webhooks = new CachingWebhookRepository(repositories.webhooks(), config.subscriberCacheTtl(),
                clock);
        DeliveryDispatcher dispatcher = new DeliveryDispatcher(repositories.deliveries(), webhooks, sender, clock,
                config.dispatch());
        NetworkDestinationPolicy destinations = new NetworkDestinationPolicy(config.allowPrivateNetworks());
        ApiKeyCache keyCache = new ApiKeyCache(config.keyCacheTtl(), 10_000, clock);
        AgentService agents = new AgentService(repositories.agents(), clock);
        DeliveryQueries queries = new DeliveryQueries(repositories.events(), repositories.deliveries(),
                webhooks);
        RestApi api = new RestApi(new AuthenticateService(repositories.keys(), keyCache),
                new WebhookUseCases(
                        new RegisterWebhookService(webhooks, repositories.agents(), destinations, clock),
                        new GetWebhookService(webhooks),
                        new ListWebhooksService(webhooks),
                        new UpdateWebhookService(webhooks, repositories.agents(), destinations, clock),
                        new ReplaceWebhookService(webhooks, repositories.agents(), destinations, clock),
                        new DeleteWebhookService(webhooks)),
                new AgentUseCases(agents, agents, agents),
                new DeliveryUseCases(
                        new IngestEventService(webhooks, repositories.agents(), repositories.events(),
                                dispatcher, clock),
                        queries, queries, queries,
                        new RedeliverService(repositories.deliveries(), dispatcher, clock),
                        new SendTestEventService(webhooks, repositories.events(), dispatcher, clock)),
                config.maxBodyBytes());
        dispatcher.start();
        RetentionService retention = new RetentionService(repositories.events(), clock, retentionPeriod);
        retention.start(config.retentionInterval());
        WebServer server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .routing(api::routing)
                .build()
                .start();
        LOG.info("Agent webhooks listening on http://localhost:" + server.port() + " (profile " + config.profile()
                + ", database " + config.database().url().replaceAll(";.*", "") + ")");
        return new Application(database, repositories.events(), sender, dispatcher, retention, server);
    }

    private static void seedDemo(ServiceConfig config, Repositories repositories, Clock clock) {
        Optional<ApiKeyToken> wanted = config.demoApiKey().map(text -> ApiKeyToken.parse(text).orElseThrow(() ->
                new IllegalArgumentException("demo.api-key (DEMO_API_KEY) must look like key_<11 letters or"
                        + " digits>.<16 to 128 characters>")));
        DemoWorkspace demo = new SeedDemoWorkspaceService(repositories.workspaces(), repositories.agents(),
                repositories.keys(), clock).seed(wanted);
        LOG.info("Demo workspace " + demo.workspaceId() + " with agents " + demo.agents());
        demo.newKey().ifPresentOrElse(
                key -> LOG.info("Demo API key: " + key.reveal()),
                () -> LOG.info("Demo API key: shown at first start only; set DEMO_API_KEY to choose one"));
    }

    public int port() {
        return server.port();
    }

    /** Stops accepting requests, lets deliveries in flight finish or hands them back, then closes the database. */
    @Override
    public void close() {
        server.stop();
        dispatcher.close();
        retention.close();
        sender.close();
        events.close(); // commits the appends still queued, so before the database
        database.close();
    }
}
