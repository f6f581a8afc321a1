package org.agenthooks.bootstrap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.agenthooks.adapters.delivery.SenderSettings;
import org.agenthooks.adapters.http.RateLimits;
import org.agenthooks.adapters.persistence.DatabaseSettings;
import org.agenthooks.adapters.persistence.MasterKey;
import org.agenthooks.application.delivery.DispatchSettings;
import org.agenthooks.application.service.RetentionService;
import org.agenthooks.domain.delivery.RetrySchedule;
import org.agenthooks.domain.workspace.ApiKeyToken;

/**
 * The service's settings, all read and checked when loaded, so a missing or malformed key stops the service
 * before it opens anything. Sources, first wins: system properties, environment variables, then
 * {@code application-<profile>.yaml} when a profile is set ({@code -Dconfig.profile} or
 * {@code HELIDON_CONFIG_PROFILE}), then {@code application.yaml}, which holds every default. Environment
 * variables map the Helidon way ({@code DB_CONNECTION_URL} is {@code db.connection.url}); see
 * {@link ConfigReader} for keys with a dash. {@code server} is Helidon's own node, handed to the web server whole.
 *
 * @param orderHold how long a delivery waits for an earlier event of its conversation before it goes anyway
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

    private static MasterKey masterKey(String key, String text) {
        try {
            return MasterKey.fromBase64(text);
        } catch (IllegalArgumentException e) {
            throw ConfigReader.invalid(key, e.getMessage());
        }
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
