package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agenthooks.adapters.http.RateLimits;
import org.agenthooks.adapters.persistence.MasterKey;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

    @Test
    void the_defaults_are_application_yaml_s_and_overrides_win() {
        ServiceConfig defaults = ServiceConfig.load(Map.of());
        assertThat(defaults.profile()).isEqualTo("demo");
        assertThat(defaults.dispatch().lease()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.dispatch().schedule().waits()).hasSize(8).startsWith(Duration.ZERO, Duration.ofSeconds(5));
        assertThat(defaults.sender().attemptTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(defaults.database().maxPoolSize()).isEqualTo(16);
        assertThat(defaults.retention().period()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.retention().interval()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.observe().readinessTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.observe().backlogRefresh()).isEqualTo(Duration.ofSeconds(5));

        ServiceConfig set = ServiceConfig.load(Map.of(
                "observability.readiness-timeout",
                "500ms",
                "retention.period",
                "2d",
                "retention.interval",
                "PT15M",
                "delivery.schedule",
                "0s, 200ms, 1m",
                "delivery.jitter",
                "0"));
        assertThat(set.observe().readinessTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(set.retention().period()).isEqualTo(Duration.ofHours(48));
        assertThat(set.retention().interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(set.dispatch().schedule().waits())
                .containsExactly(Duration.ZERO, Duration.ofMillis(200), Duration.ofMinutes(1));
        assertThat(set.dispatch().schedule().jitter()).isZero();
    }

    @Test
    void the_production_profile_layers_its_file_over_the_defaults() {
        System.setProperty("config.profile", "prod");
        try {
            ServiceConfig prod = ServiceConfig.load(
                    Map.of("secrets.master-key", MasterKey.generate().toBase64()));
            assertThat(prod.profile()).isEqualTo("prod");
            assertThat(prod.database().url()).startsWith("jdbc:postgresql:");
            assertThat(prod.database().maxPoolSize()).isEqualTo(32);
            assertThat(prod.demo().enabled()).isFalse();
            assertThat(prod.allowPrivateNetworks()).isFalse();
            assertThat(prod.dispatch().lease()).as("from application.yaml").isEqualTo(Duration.ofSeconds(15));
        } finally {
            System.clearProperty("config.profile");
        }
    }

    @Test
    void the_production_profile_refuses_to_start_without_a_master_key_naming_the_setting() {
        System.setProperty("config.profile", "prod");
        try {
            assertThatThrownBy(() -> ServiceConfig.load(Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("secrets.master-key (SECRETS_MASTER_KEY): not set");
        } finally {
            System.clearProperty("config.profile");
        }
    }

    @Test
    void a_master_key_that_is_not_the_base64_of_32_bytes_is_refused_without_being_quoted() {
        assertThatThrownBy(() -> ServiceConfig.load(Map.of("secrets.master-key", "c2hvcnQta2V5")))
                .hasMessage("secrets.master-key (SECRETS_MASTER_KEY): decodes to 9 bytes; it must be the base64"
                        + " of 32 random bytes");
        assertThatThrownBy(() -> ServiceConfig.load(Map.of("secrets.previous-master-keys", "c2hvcnQta2V5")))
                .hasMessageStartingWith("secrets.previous-master-keys (SECRETS_PREVIOUS_MASTER_KEYS): decodes to");
    }

    @Test
    void a_dashed_key_is_also_read_in_the_dotted_form_that_environment_variables_make() {
        ServiceConfig config = ServiceConfig.load(
                Map.of("demo.api.key", EndToEndTest.API_KEY, "delivery.max.in.flight.per.endpoint", "4"));

        assertThat(config.demo().apiKey())
                .hasValueSatisfying(key -> assertThat(key.reveal()).isEqualTo(EndToEndTest.API_KEY));
        assertThat(config.dispatch().maxInFlightPerEndpoint()).isEqualTo(4);
        assertThat(config.dispatch().maxInFlight())
                .as("delivery.max.in.flight is only the other's parent")
                .isEqualTo(1024);
    }

    @Test
    void a_malformed_value_stops_the_service_naming_the_key_and_its_variable() {
        assertRefused(
                "delivery.lease", "abc", "delivery.lease (DELIVERY_LEASE): \"abc\" is not a duration (e.g. 500ms, 30s");
        assertRefused(
                "delivery.max-in-flight",
                "many",
                "delivery.max-in-flight (DELIVERY_MAX_IN_FLIGHT): \"many\" is not a whole number");
        assertRefused("demo.enabled", "yes", "demo.enabled (DEMO_ENABLED): \"yes\" is not true or false");
        assertRefused("delivery.jitter", "1.5", "delivery.jitter (DELIVERY_JITTER): must be a fraction from 0 to 1");
        assertRefused(
                "delivery.schedule", "0s, soon", "delivery.schedule (DELIVERY_SCHEDULE): \"soon\" is not a duration");
        assertRefused("server.port", "80800", "server.port (SERVER_PORT): must be at most 65535, was 80800");
        assertRefused("demo.api-key", "not-a-key", "demo.api-key (DEMO_API_KEY): must look like key_");
        assertRefused("db.connection.url", " ", "db.connection.url (DB_CONNECTION_URL): must not be blank");
    }

    @Test
    void sizes_must_be_at_least_one_and_the_lease_and_poll_interval_longer_than_zero() {
        for (String size : List.of(
                "api.max-body-bytes",
                "db.pool.max-size",
                "delivery.claim-batch",
                "delivery.max-in-flight",
                "delivery.max-in-flight-per-endpoint",
                "delivery.record-batch")) {
            assertRefused(size, "0", "): must be at least 1, was 0");
            assertRefused(size, "-5", "): must be at least 1, was -5");
        }
        assertRefused("delivery.lease", "0s", "delivery.lease (DELIVERY_LEASE): must be longer than zero");
        assertRefused(
                "delivery.poll-interval",
                "PT0S",
                "delivery.poll-interval (DELIVERY_POLL_INTERVAL): must be longer than zero");
        assertRefused(
                "delivery.poll-interval",
                "PT-1S",
                "delivery.poll-interval (DELIVERY_POLL_INTERVAL): must not be negative");
        assertRefused(
                "observability.readiness-timeout",
                "0s",
                "observability.readiness-timeout (OBSERVABILITY_READINESS_TIMEOUT): must be longer than zero");
    }

    @Test
    void the_rate_limits_are_read_per_kind_of_call_and_refuse_anything_but_a_whole_number_of_at_least_one() {
        ServiceConfig defaults = ServiceConfig.load(Map.of());
        assertThat(defaults.api().rateLimits())
                .isEqualTo(new RateLimits(new RateLimits.Rate(1000, 2000), new RateLimits.Rate(20_000, 20_000)));
        ServiceConfig set = ServiceConfig.load(
                Map.of("api.rate.limit.management.per.second", "5", "api.rate-limit.ingest.burst", "7"));
        assertThat(set.api().rateLimits().management().perSecond())
                .as("in the dotted form environment variables make")
                .isEqualTo(5);
        assertThat(set.api().rateLimits().ingest().burst()).isEqualTo(7);

        for (String key : List.of(
                "api.rate-limit.management.per-second",
                "api.rate-limit.management.burst",
                "api.rate-limit.ingest.per-second",
                "api.rate-limit.ingest.burst")) {
            String variable = ConfigReader.environmentVariable(key);
            assertRefused(key, "0", key + " (" + variable + "): must be at least 1, was 0");
            assertRefused(key, "-1", key + " (" + variable + "): must be at least 1, was -1");
            assertRefused(key, "1.5", key + " (" + variable + "): \"1.5\" is not a whole number");
            assertRefused(key, "lots", key + " (" + variable + "): \"lots\" is not a whole number");
            assertRefused(key, "", key + " (" + variable + "): \"\" is not a whole number");
        }
    }

    @Test
    void tracing_propagates_by_default_exports_only_to_an_http_endpoint_and_refuses_anything_else() {
        ServiceConfig defaults = ServiceConfig.load(Map.of());
        assertThat(defaults.tracing().propagate()).isTrue();
        assertThat(defaults.tracing().otlpEndpoint()).isEmpty();
        assertThat(defaults.tracing().serviceName()).isEqualTo("agent-webhooks");

        assertThat(ServiceConfig.load(Map.of("tracing.otlp.endpoint", "http://collector:4318/v1/traces"))
                        .tracing()
                        .otlpEndpoint())
                .hasValue(java.net.URI.create("http://collector:4318/v1/traces"));
        assertRefused("tracing.otlp.endpoint", "collector:4318", "tracing.otlp.endpoint (TRACING_OTLP_ENDPOINT)");
        assertRefused("tracing.otlp.endpoint", "ftp://collector/v1/traces", "is not an http(s) URL");
        assertRefused("tracing.otlp.endpoint", "http://bad host/", "is not an http(s) URL");
        assertRefused("tracing.propagate", "yes", "tracing.propagate (TRACING_PROPAGATE)");
        assertRefused("tracing.service-name", " ", "tracing.service-name (TRACING_SERVICE_NAME)");
    }

    @Test
    void the_lease_must_be_longer_than_twice_the_attempt_timeout() {
        assertThatThrownBy(() -> ServiceConfig.load(Map.of("delivery.lease", "14s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("delivery.lease (DELIVERY_LEASE): PT14S must be longer than twice"
                        + " delivery.attempt-timeout (DELIVERY_ATTEMPT_TIMEOUT), PT7S");
        assertThatThrownBy(() -> ServiceConfig.load(Map.of("delivery.attempt-timeout", "8s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("delivery.lease (DELIVERY_LEASE): PT15S must be longer than twice");

        assertThat(ServiceConfig.load(Map.of("delivery.lease", "14001ms"))
                        .dispatch()
                        .lease())
                .isEqualTo(Duration.ofMillis(14_001));
    }

    @Test
    void a_schedule_given_as_numbered_keys_is_refused_rather_than_ignored() {
        Map<String, String> numbered = Map.of("delivery.schedule.0", "0s", "delivery.schedule.1", "1s");
        assertThatThrownBy(() -> ServiceConfig.load(numbered))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "delivery.schedule (DELIVERY_SCHEDULE): takes one value, but" + " delivery.schedule.");
    }

    @Test
    void a_retention_under_a_day_stops_the_service_before_it_opens_its_database() throws Exception {
        Path dataDir = Files.createTempDirectory("short-retention");
        Map<String, String> settings = new HashMap<>(EndToEndTest.testSettings(dataDir));
        settings.put("retention.period", "12h");

        assertThatThrownBy(() -> Application.start(ServiceConfig.load(settings)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "retention.period (RETENTION_PERIOD): the retention period must be at least PT24H");
        try (var files = Files.list(dataDir)) {
            assertThat(files).as("no database file was made").isEmpty();
        }
    }

    @Test
    void the_web_server_takes_any_helidon_server_setting_from_the_configuration() throws Exception {
        Path dataDir = Files.createTempDirectory("server-settings");
        Map<String, String> settings = new HashMap<>(EndToEndTest.testSettings(dataDir));
        settings.put("server.host", "127.0.0.1");
        settings.put("server.max-payload-size", "64");

        try (Application application = Application.start(ServiceConfig.load(settings))) {
            ServiceClient api = new ServiceClient(application.port(), EndToEndTest.API_KEY);
            String event = """
                    {"type":"conversation_ended","agentId":"%s","data":{"padding":"%s"}}""".formatted(EndToEndTest.DOCS_AGENT, "x".repeat(100));
            assertThat(api.send("POST", "/v1/events", event).statusCode())
                    .as("refused by Helidon's limit, far below api.max-body-bytes")
                    .isEqualTo(413);
        }
    }

    private static void assertRefused(String key, String value, String message) {
        assertThatThrownBy(() -> ServiceConfig.load(Map.of(key, value)))
                .as(key + ": " + value)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void the_rabbitmq_source_is_off_by_default_and_needs_its_workspaces_when_turned_on() {
        assertThat(ServiceConfig.load(Map.of()).rabbitmq()).isEmpty();
        assertThatThrownBy(() -> ServiceConfig.load(Map.of("ingest.rabbitmq.enabled", "true")))
                .hasMessageStartingWith("ingest.rabbitmq.workspaces (INGEST_RABBITMQ_WORKSPACES)");

        ServiceConfig on = ServiceConfig.load(Map.of(
                "ingest.rabbitmq.enabled", "true",
                "ingest.rabbitmq.workspaces", "org_AAAAAAAAAAAAAAAA, org_BBBBBBBBBBBBBBBB",
                "ingest.rabbitmq.prefetch", "32"));
        ServiceConfig.RabbitMq rabbitmq = on.rabbitmq().orElseThrow();
        assertThat(rabbitmq.source().workspaces()).hasSize(2);
        assertThat(rabbitmq.settings().prefetch()).isEqualTo(32);
        assertThat(rabbitmq.settings().queue()).isEqualTo("webhooks-events");
        assertThat(rabbitmq.settings().safeUri()).isEqualTo("amqp://guest:***@127.0.0.1:5672/%2F");
    }

    @Test
    void a_wildcard_nats_subject_is_refused_by_its_key_as_it_would_take_in_its_own_dead_letters() {
        assertThatThrownBy(() -> ServiceConfig.load(Map.of("ingest.nats.subject", "webhooks.*")))
                .hasMessageStartingWith("ingest.nats.subject (INGEST_NATS_SUBJECT)");
        assertThatThrownBy(() -> ServiceConfig.load(Map.of("ingest.nats.dead-letter-subject", "dead.>")))
                .hasMessageStartingWith("ingest.nats.dead-letter-subject");
    }

    @Test
    void a_malformed_rabbitmq_setting_is_refused_by_its_key_even_while_the_source_is_off() {
        assertThatThrownBy(() -> ServiceConfig.load(Map.of("ingest.rabbitmq.uri", "http://127.0.0.1:5672")))
                .hasMessageStartingWith("ingest.rabbitmq.uri (INGEST_RABBITMQ_URI)");
        assertThatThrownBy(() -> ServiceConfig.load(Map.of("ingest.rabbitmq.dead-letter-queue", "webhooks-events")))
                .hasMessageStartingWith("ingest.rabbitmq.dead-letter-queue");
        assertThatThrownBy(() -> ServiceConfig.load(Map.of("ingest.rabbitmq.prefetch", "0")))
                .hasMessageStartingWith("ingest.rabbitmq.prefetch");
        assertThatThrownBy(() -> ServiceConfig.load(
                        Map.of("ingest.rabbitmq.enabled", "true", "ingest.rabbitmq.workspaces", "not a workspace")))
                .hasMessageStartingWith("ingest.rabbitmq.workspaces");
    }
}
