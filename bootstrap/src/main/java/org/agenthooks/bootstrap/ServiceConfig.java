package org.agenthooks.bootstrap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agenthooks.adapters.delivery.SenderSettings;
import org.agenthooks.adapters.persistence.DatabaseSettings;
import org.agenthooks.application.delivery.DispatchSettings;
import org.agenthooks.application.service.RetentionService;
import org.agenthooks.domain.delivery.RetrySchedule;

/**
 * Reads the service's settings. Sources, first wins: system properties, environment variables, then
 * {@code application-<profile>.yaml} when a profile is set ({@code -Dconfig.profile} or
 * {@code HELIDON_CONFIG_PROFILE}), then {@code application.yaml}. Environment variables map the Helidon way
 * ({@code DB_CONNECTION_URL} is {@code db.connection.url}); since that mapping cannot produce a dash, a key such
 * as {@code demo.api-key} is also read as {@code demo.api.key}, so {@code DEMO_API_KEY} sets it.
 */
public final class ServiceConfig {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Config config;

    public ServiceConfig(Config config) {
        this.config = config;
    }

    /** The configuration the service runs with, with {@code overrides} (e.g. from tests) winning over all. */
    public static ServiceConfig load(Map<String, String> overrides) {
        String profile = chosenProfile().orElse("");
        Config.Builder builder = Config.builder().disableSystemPropertiesSource().disableEnvironmentVariablesSource();
        builder.addSource(ConfigSources.create(overrides));
        builder.addSource(ConfigSources.systemProperties());
        builder.addSource(ConfigSources.environmentVariables());
        if (!profile.isBlank()) {
            builder.addSource(ConfigSources.classpath("application-" + profile + ".yaml"));
        }
        builder.addSource(ConfigSources.classpath("application.yaml"));
        return new ServiceConfig(builder.build());
    }

    public String profile() {
        return chosenProfile().orElse("demo");
    }

    private static Optional<String> chosenProfile() {
        return Optional.ofNullable(System.getProperty("config.profile"))
                .or(() -> Optional.ofNullable(System.getenv("HELIDON_CONFIG_PROFILE")))
                .filter(profile -> !profile.isBlank());
    }

    /** Helidon's own node: every web server setting (port, host, sockets, TLS, limits) is read from it. */
    public Config server() {
        return config.get("server");
    }

    public long maxBodyBytes() {
        return node("api.max-body-bytes").asLong().orElse(1_048_576L);
    }

    public Duration keyCacheTtl() {
        return duration("api.key-cache-ttl", Duration.ofSeconds(30));
    }

    public DatabaseSettings database() {
        return new DatabaseSettings(
                node("db.connection.url").asString().orElse("jdbc:h2:file:./data/webhooks;WRITE_DELAY=0"),
                node("db.connection.username").asString().orElse(""),
                node("db.connection.password").asString().orElse(""),
                node("db.pool.max-size").asInt().orElse(16));
    }

    public boolean demoEnabled() {
        return node("demo.enabled").asBoolean().orElse(false);
    }

    public Optional<String> demoApiKey() {
        return node("demo.api-key").asString().asOptional().filter(key -> !key.isBlank());
    }

    public SenderSettings sender() {
        return new SenderSettings(duration("delivery.connect-timeout", Duration.ofSeconds(5)),
                duration("delivery.attempt-timeout", Duration.ofSeconds(15)), allowPrivateNetworks());
    }

    /**
     * How long events, their deliveries and attempts are kept once nothing of theirs is pending.
     *
     * @throws IllegalArgumentException if shorter than {@link RetentionService#SHORTEST_RETENTION}
     */
    public Duration retentionPeriod() {
        try {
            return RetentionService.requireLongEnough(duration("retention.period", Duration.ofDays(30)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("retention.period (RETENTION_PERIOD): " + e.getMessage(), e);
        }
    }

    /** How often the outbox is purged of what outlived {@link #retentionPeriod()}. */
    public Duration retentionInterval() {
        return duration("retention.interval", Duration.ofHours(1));
    }

    public Duration subscriberCacheTtl() {
        return duration("delivery.subscriber-cache-ttl", Duration.ofSeconds(1));
    }

    public boolean allowPrivateNetworks() {
        return node("delivery.allow-private-networks").asBoolean().orElse(false);
    }

    public DispatchSettings dispatch() {
        DispatchSettings defaults = DispatchSettings.defaults();
        List<Duration> waits = node("delivery.schedule").asString()
                .map(text -> Arrays.stream(text.split(",")).map(ServiceConfig::parseDuration).toList())
                .orElse(defaults.schedule().waits());
        double jitter = node("delivery.jitter").asDouble().orElse(defaults.schedule().jitter());
        return new DispatchSettings(new RetrySchedule(waits, jitter),
                duration("delivery.lease", defaults.lease()),
                duration("delivery.poll-interval", defaults.pollInterval()),
                node("delivery.claim-batch").asInt().orElse(defaults.claimBatch()),
                node("delivery.max-in-flight").asInt().orElse(defaults.maxInFlight()),
                node("delivery.max-in-flight-per-endpoint").asInt().orElse(defaults.maxInFlightPerEndpoint()),
                node("delivery.record-batch").asInt().orElse(defaults.recordBatch()),
                duration("delivery.record-linger", defaults.recordLinger()),
                duration("delivery.shutdown-grace", defaults.shutdownGrace()));
    }

    private Duration duration(String key, Duration fallback) {
        return node(key).asString().map(ServiceConfig::parseDuration).orElse(fallback);
    }

    /**
     * ISO-8601 ({@code PT5S}), or a number with a unit: {@code 200ms}, {@code 5s}, {@code 30m}, {@code 2h},
     * {@code 30d}.
     */
    static Duration parseDuration(String text) {
        String trimmed = text.trim();
        Matcher shortForm = SHORT_DURATION.matcher(trimmed);
        if (!shortForm.matches()) {
            return Duration.parse(trimmed);
        }
        long amount = Long.parseLong(shortForm.group(1));
        return switch (shortForm.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The node of {@code key}, or of its dotted twin that environment variables produce. */
    private Config node(String key) {
        if (key.contains("-")) {
            Config dotted = config.get(key.replace('-', '.'));
            if (dotted.exists()) {
                return dotted;
            }
        }
        return config.get(key);
    }
}
