package org.agenthooks.adapters.observability;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agenthooks.application.port.out.StorageHealth;

/**
 * A real Helidon server as the service builds it: an API route with a path parameter, the API's catch-all 404,
 * the request counter, and the observe feature over a database whose answer the test decides.
 */
final class ObservabilityServer implements AutoCloseable {
    /** Helidon's one registry, as in the service: meters outlive a server, so tests compare before and after. */
    final MeterRegistry registry = Metrics.globalRegistry();

    final Observability observability = Observability.global();

    final AtomicBoolean databaseAnswers = new AtomicBoolean(true);
    final WebServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    ObservabilityServer(Map<String, String> serverConfig) {
        Map<String, String> values = new HashMap<>(Map.of("server.port", "0", "server.host", "127.0.0.1"));
        values.putAll(serverConfig);
        Config config = Config.just(ConfigSources.create(values));
        StorageHealth storage = new StorageHealth() {
            @Override
            public boolean answers(Duration timeout) {
                return databaseAnswers.get();
            }

            @Override
            public String schemaVersion() {
                return "3";
            }
        };
        server = WebServer.builder()
                .config(config.get("server"))
                .addFeature(
                        observability.feature(config.get("server.features.observe"), storage, Duration.ofSeconds(1)))
                .routing(routing -> routing.addFilter(observability.apiRequests())
                        .get("/v1/things/{thingId}", (req, res) -> res.send("thing"))
                        .post("/v1/things", (req, res) -> res.status(201).send())
                        .register(
                                "/v1/widgets",
                                () -> rules -> rules.get("/", (req, res) -> res.send("widgets"))
                                        .get(
                                                "/{widgetId}",
                                                (req, res) -> res.status(204).send()))
                        .any((req, res) -> res.status(404).send("no such route")))
                .build()
                .start();
    }

    ObservabilityServer() {
        this(Map.of());
    }

    int port() {
        return server.port();
    }

    HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(uri(port, path)).GET().build());
    }

    HttpResponse<String> get(String path) {
        return get(port(), path);
    }

    HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(uri(port(), path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        client.close();
    }
}
