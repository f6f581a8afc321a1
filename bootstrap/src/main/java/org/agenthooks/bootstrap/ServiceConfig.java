package org.agenthooks.bootstrap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.agenthooks.adapters.delivery.SenderSettings;
import org.agenthooks.adapters.http.RateLimits;
import org.agenthooks.adapters.messaging.BusSource;
import org.agenthooks.adapters.messaging.NatsSettings;
import org.agenthooks.adapters.messaging.rabbitmq.RabbitMqSettings;
import org.agenthooks.adapters.observability.TracingSettings;
import org.agenthooks.adapters.persistence.DatabaseSettings;
import org.agenthooks.adapters.persistence.MasterKey;
import org.agenthooks.application.delivery.DispatchSettings;
import org.agenthooks.application.service.RetentionService;
import org.agenthooks.domain.delivery.RetrySchedule;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * The service's settings, all read and checked when loaded, so a missing or malformed key stops the service
 * before it opens anything. Sources, first wins: system properties, environment variables, then
 * {@code application-<profile>.yaml} when a profile is set ({@code -Dconfig.profile} or
 * {@code HELIDON_CONFIG_PROFILE}), then {@code application.yaml}, which holds every default. Environment
 * variables map the Helidon way ({@code DB_CONNECTION_URL} is {@code db.connection.url}); see
 * {@link ConfigReader} for keys with a dash. {@code server} is Helidon's own node, handed to the web server whole.
 *
 * @param orderHold how long a delivery waits for an earlier event of its conversation before it goes anyway
 * @param rabbitmq the RabbitMQ source, when {@code ingest.rabbitmq.enabled}
 * @param tracing whether deliveries carry {@code traceparent}, and where spans are exported (if anywhere)
 * @param keys every key read, for the configuration reference to be checked against
 */
public record ServiceConfig(
        String profile,
        Config server,
        Api api,
        Connections connections,
        DatabaseSettings database,
        Demo demo,
        SenderSettings sender,
        DispatchSettings dispatch,
        Duration subscriberCacheTtl,
        Duration orderHold,
        Retention retention,
        Observe observe,
        Secrets secrets,
        Optional<Nats> nats,
        Optional<RabbitMq> rabbitmq,
        TracingSettings tracing,
        Set<String> keys) {

    /**
     * The HTTP API's limits: the largest request body, that of a batch of events, how long a checked API key is trusted, and how many
     * requests a key may make.
     */
    public record Api(long maxBodyBytes, long maxBatchBodyBytes, Duration keyCacheTtl, RateLimits rateLimits) {}

    /**
     * When the server closes a connection by itself: idle (no request line) for longer than {@code idleTimeout},
     * checked every {@code idlePeriod}; or a request whose head and body have not arrived within
     * {@code requestReadTimeout} of its request line.
     */
    public record Connections(Duration idleTimeout, Duration idlePeriod, Duration requestReadTimeout) {}

    /** Whether to seed the demo workspace, and the key to give it (when empty, a random one shown once). */
    public record Demo(boolean enabled, Optional<ApiKeyToken> apiKey) {}

    /**
     * The master key webhook secrets are sealed under: given ({@code secrets.master-key}), or kept in a file that
     * is made on first start ({@code secrets.master-key-file}, the demo profile's way); and the previous keys, for
     * reading what they sealed while the master key is changed.
     */
    public record Secrets(Optional<MasterKey> masterKey, Optional<Path> masterKeyFile, List<MasterKey> previous) {}

    /** How long events are kept once nothing of theirs is pending, and how often that is checked. */
    public record Retention(Duration period, Duration interval) {}

    /** How long readiness waits for the database, and how often the backlog gauges may query it. */
    public record Observe(Duration readinessTimeout, Duration backlogRefresh) {}

    /** Events in from a NATS JetStream stream, into the workspaces {@code source} names. */
    public record Nats(NatsSettings settings, BusSource source) {}
    /** Events in from a RabbitMQ queue, into the workspaces {@code source} names. */
    public record RabbitMq(RabbitMqSettings settings, BusSource source) {}

    /**
     * The configuration the service runs with, with {@code overrides} (e.g. from tests) winning over all.
     *
     * @throws IllegalArgumentException naming the key, if a key is missing or malformed
     */
    public static ServiceConfig load(Map<String, String> overrides) {
        Optional<String> profile = chosenProfile();
        Config.Builder builder =
                Config.builder().disableSystemPropertiesSource().disableEnvironmentVariablesSource();
        builder.addSource(ConfigSources.create(overrides));
        builder.addSource(ConfigSources.systemProperties());
        builder.addSource(ConfigSources.environmentVariables());
        profile.ifPresent(name -> builder.addSource(ConfigSources.classpath("application-" + name + ".yaml")));
        builder.addSource(ConfigSources.classpath("application.yaml"));
        return read(builder.build(), profile.orElse("demo"));
    }

    private static Optional<String> chosenProfile() {
        return Optional.ofNullable(System.getProperty("config.profile"))
                .or(() -> Optional.ofNullable(System.getenv("HELIDON_CONFIG_PROFILE")))
                .filter(profile -> !profile.isBlank());
    }

    private static ServiceConfig read(Config config, String profile) {
        ConfigReader reader = new ConfigReader(config);
        // Helidon reads the server node itself; these two are read here too, to refuse them by name.
        reader.whole("server.port", 0, 65_535);
        reader.nonBlankText("server.host");
        Api api = new Api(
                reader.whole("api.max-body-bytes", 1, Long.MAX_VALUE),
                reader.whole("api.max-batch-body-bytes", 1, Long.MAX_VALUE),
                reader.duration("api.key-cache-ttl"),
                new RateLimits(rate(reader, "api.rate-limit.management"), rate(reader, "api.rate-limit.ingest")));
        Connections connections = new Connections(
                reader.positiveDuration("server.idle-connection-timeout"),
                reader.positiveDuration("server.idle-connection-period"),
                reader.positiveDuration("api.request-read-timeout"));
        DatabaseSettings database = new DatabaseSettings(
                reader.nonBlankText("db.connection.url"),
                reader.text("db.connection.username"),
                reader.text("db.connection.password"),
                reader.positive("db.pool.max-size"));
        Demo demo = new Demo(reader.bool("demo.enabled"), demoApiKey(reader));
        SenderSettings sender = new SenderSettings(
                reader.positiveDuration("delivery.connect-timeout"),
                reader.positiveDuration("delivery.attempt-timeout"),
                reader.bool("delivery.allow-private-networks"));
        DispatchSettings dispatch = dispatch(reader);
        requireLeaseOutlivesAttempt(dispatch.lease(), sender.attemptTimeout());
        Duration subscriberCacheTtl = reader.duration("delivery.subscriber-cache-ttl");
        Duration orderHold = reader.duration("delivery.order-hold");
        Retention retention = new Retention(retentionPeriod(reader), reader.positiveDuration("retention.interval"));
        Observe observe = new Observe(
                reader.positiveDuration("observability.readiness-timeout"),
                reader.duration("observability.backlog-refresh"));
        Secrets secrets = secrets(reader);
        Optional<Nats> nats = nats(reader);
        Optional<RabbitMq> rabbitmq = rabbitmq(reader);
        TracingSettings tracing = tracing(reader);
        return new ServiceConfig(
                profile,
                config.get("server"),
                api,
                connections,
                database,
                demo,
                sender,
                dispatch,
                subscriberCacheTtl,
                orderHold,
                retention,
                observe,
                secrets,
                nats,
                rabbitmq,
                tracing,
                reader.keys());
    }

    private static DispatchSettings dispatch(ConfigReader reader) {
        RetrySchedule schedule =
                new RetrySchedule(reader.durations("delivery.schedule"), reader.fraction("delivery.jitter"));
        return new DispatchSettings(
                schedule,
                reader.positiveDuration("delivery.lease"),
                reader.positiveDuration("delivery.poll-interval"),
                reader.positive("delivery.claim-batch"),
                reader.positive("delivery.max-in-flight"),
                reader.positive("delivery.max-in-flight-per-endpoint"),
                reader.positive("delivery.record-batch"),
                reader.duration("delivery.record-linger"),
                reader.duration("delivery.shutdown-grace"),
                reader.positiveDuration("delivery.disable-after"));
    }

    /** Every key is read (and checked) whether or not the source is on, so a typo shows before it is turned on. */
    private static Optional<Nats> nats(ConfigReader reader) {
        boolean enabled = reader.bool("ingest.nats.enabled");
        String url = reader.nonBlankText("ingest.nats.url");
        String stream = reader.nonBlankText("ingest.nats.stream");
        String subject = reader.nonBlankText("ingest.nats.subject");
        String durable = reader.nonBlankText("ingest.nats.durable");
        String deadLetterSubject =
                reader.optionalText("ingest.nats.dead-letter-subject").orElse(subject + ".dead");
        boolean createStream = reader.bool("ingest.nats.create-stream");
        Set<WorkspaceId> workspaces = workspaces(reader, "ingest.nats.workspaces");
        int batch = reader.positive("ingest.nats.batch");
        Duration retryDelay = reader.duration("ingest.nats.retry-delay");
        Duration ackWait = reader.positiveDuration("ingest.nats.ack-wait");
        if (NatsSettings.isWildcard(subject)) {
            throw ConfigReader.invalid("ingest.nats.subject", "must be one literal subject, without '*' or '>'");
        }
        if (NatsSettings.isWildcard(deadLetterSubject)) {
            throw ConfigReader.invalid(
                    "ingest.nats.dead-letter-subject", "must be one literal subject, without '*' or '>'");
        }
        if (!enabled) {
            return Optional.empty();
        }
        if (workspaces.isEmpty()) {
            throw ConfigReader.invalid(
                    "ingest.nats.workspaces",
                    "must name the workspaces (org_...) this source may write to, comma-separated");
        }
        try {
            return Optional.of(new Nats(
                    new NatsSettings(
                            url, stream, subject, durable, deadLetterSubject, createStream, batch, retryDelay, ackWait),
                    new BusSource("nats", workspaces)));
        } catch (IllegalArgumentException e) {
            throw ConfigReader.invalid("ingest.nats.dead-letter-subject", e.getMessage());
        }
    }

    private static Set<WorkspaceId> workspaces(ConfigReader reader, String key) {
        try {
            return reader.optionalText(key).stream()
                    .flatMap(text -> Arrays.stream(text.split(",")))
                    .map(String::strip)
                    .filter(text -> !text.isEmpty())
                    .map(WorkspaceId::new)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (InvalidInputException e) {
            throw ConfigReader.invalid(key, "each must be 'org_' followed by 16 letters or digits");
        }
    }

    private static RateLimits.Rate rate(ConfigReader reader, String prefix) {
        return new RateLimits.Rate(reader.positive(prefix + ".per-second"), reader.positive(prefix + ".burst"));
    }

    /** A slow attempt that outlived its lease could be sent again by another instance meanwhile. */
    private static void requireLeaseOutlivesAttempt(Duration lease, Duration attemptTimeout) {
        if (lease.compareTo(attemptTimeout.multipliedBy(2)) <= 0) {
            throw ConfigReader.invalid(
                    "delivery.lease",
                    lease + " must be longer than twice delivery.attempt-timeout ("
                            + ConfigReader.environmentVariable("delivery.attempt-timeout") + "), " + attemptTimeout
                            + ": an attempt could outlive its lease and another instance send the same delivery again");
        }
    }

    private static Optional<ApiKeyToken> demoApiKey(ConfigReader reader) {
        return reader.optionalText("demo.api-key")
                .map(text -> ApiKeyToken.parse(text)
                        .orElseThrow(() -> ConfigReader.invalid(
                                "demo.api-key",
                                "must look like key_<11 letters or digits>.<16 to 128" + " characters>")));
    }

    private static Secrets secrets(ConfigReader reader) {
        Optional<MasterKey> masterKey =
                reader.optionalText("secrets.master-key").map(text -> masterKey("secrets.master-key", text));
        Optional<Path> file = reader.optionalText("secrets.master-key-file").map(Path::of);
        List<MasterKey> previous = reader.optionalText("secrets.previous-master-keys").stream()
                .flatMap(text -> Arrays.stream(text.split(",")))
                .map(String::strip)
                .filter(text -> !text.isEmpty())
                .map(text -> masterKey("secrets.previous-master-keys", text))
                .toList();
        if (masterKey.isEmpty() && file.isEmpty()) {
            throw ConfigReader.invalid(
                    "secrets.master-key",
                    "not set; webhook secrets are sealed under it: give the base64 of 32 random bytes"
                            + " (openssl rand -base64 32) and keep it safe");
        }
        return new Secrets(masterKey, file, previous);
    }

    private static TracingSettings tracing(ConfigReader reader) {
        boolean propagate = reader.bool("tracing.propagate");
        Optional<URI> endpoint =
                reader.optionalText("tracing.otlp.endpoint").map(text -> otlpEndpoint("tracing.otlp.endpoint", text));
        return new TracingSettings(propagate, endpoint, reader.nonBlankText("tracing.service-name"));
    }

    private static URI otlpEndpoint(String key, String text) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below, with the same message
        }
        throw ConfigReader.invalid(key, "'" + text + "' is not an http(s) URL such as http://collector:4318/v1/traces");
    }

    private static MasterKey masterKey(String key, String text) {
        try {
            return MasterKey.fromBase64(text);
        } catch (IllegalArgumentException e) {
            throw ConfigReader.invalid(key, e.getMessage());
        }
    }

    /** Every key is read (and checked) even when the source is off, so a typo shows before it is turned on. */
    private static Optional<RabbitMq> rabbitmq(ConfigReader reader) {
        boolean enabled = reader.bool("ingest.rabbitmq.enabled");
        String uriText = reader.nonBlankText("ingest.rabbitmq.uri");
        String queue = reader.nonBlankText("ingest.rabbitmq.queue");
        String deadLetterQueue = reader.nonBlankText("ingest.rabbitmq.dead-letter-queue");
        int prefetch = (int) reader.whole("ingest.rabbitmq.prefetch", 1, 65_535);
        Duration retryDelay = reader.duration("ingest.rabbitmq.retry-delay");
        String connectionName = reader.text("ingest.rabbitmq.connection-name").strip();
        Set<WorkspaceId> workspaces = workspaces(reader, "ingest.rabbitmq.workspaces");
        URI uri;
        try {
            uri = new URI(uriText);
        } catch (URISyntaxException e) {
            throw ConfigReader.invalid("ingest.rabbitmq.uri", "is not a URI: " + e.getReason());
        }
        RabbitMqSettings settings;
        try {
            settings = new RabbitMqSettings(uri, queue, deadLetterQueue, prefetch, retryDelay, connectionName);
        } catch (IllegalArgumentException e) {
            String key = e.getMessage().contains("URI")
                    ? "ingest.rabbitmq.uri"
                    : e.getMessage().contains("dead-letter")
                            ? "ingest.rabbitmq.dead-letter-queue"
                            : "ingest.rabbitmq.queue";
            throw ConfigReader.invalid(key, e.getMessage());
        }
        if (!enabled) {
            return Optional.empty();
        }
        if (workspaces.isEmpty()) {
            throw ConfigReader.invalid(
                    "ingest.rabbitmq.workspaces",
                    "needs the workspaces (comma-separated ids) that whoever publishes to the queue may write to");
        }
        return Optional.of(new RabbitMq(settings, new BusSource("rabbitmq", workspaces)));
    }

    private static Duration retentionPeriod(ConfigReader reader) {
        Duration period = reader.duration("retention.period");
        try {
            return RetentionService.requireLongEnough(period);
        } catch (IllegalArgumentException e) {
            throw ConfigReader.invalid("retention.period", e.getMessage());
        }
    }

    public boolean allowPrivateNetworks() {
        return sender.allowPrivateNetworks();
    }
}
