package org.agenthooks.adapters.http;

import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.agenthooks.application.fakes.InMemoryApplication;
import org.agenthooks.application.port.in.CreatedWorkspace;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.workspace.WorkspaceId;

/** A real Helidon server running the REST API over the in-memory application, and a plain JDK client for it. */
final class ApiTestServer implements AutoCloseable {
    static final long MAX_BODY_BYTES = 64 * 1024;
    /** Limits no test other than the rate limits' own comes near. */
    static final RateLimits GENEROUS =
            new RateLimits(new RateLimits.Rate(100_000, 100_000), new RateLimits.Rate(100_000, 100_000));

    final InMemoryApplication app = new InMemoryApplication(Clock.systemUTC());
    final CreatedWorkspace workspace = app.createWorkspace().create("Test workspace");
    final CreatedWorkspace otherWorkspace = app.createWorkspace().create("Other workspace");
    final Agent agent = app.createAgent().create(workspace.workspace().id(), "Support agent");
    final Agent otherAgent = app.createAgent().create(otherWorkspace.workspace().id(), "Their agent");
    private final WebServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiTestServer() {
        this(GENEROUS);
    }

    ApiTestServer(RateLimits rateLimits) {
        RestApi api = new RestApi(
                app.authenticate(),
                new WebhookUseCases(
                        app.register(),
                        app.get(),
                        app.list(),
                        app.update(),
                        app.replace(),
                        app.delete(),
                        app.rotateSecret(),
                        app.endpointHealth()),
                new AgentUseCases(app.createAgent(), app.getAgent(), app.listAgents()),
                new DeliveryUseCases(
                        app.ingest(),
                        app.ingestBatch(),
                        app.getEvent(),
                        app.listDeliveries(),
                        app.getDelivery(),
                        app.redeliver(),
                        app.sendTest(),
                        app.stats(),
                        app.replay(),
                        app.listWebhookEvents(),
                        app.checkSignature()),
                MAX_BODY_BYTES,
                rateLimits);
        server = WebServer.builder()
                .port(0)
                .directHandlers(RestApi.directHandlers())
                .routing(api::routing)
                .build()
                .start();
    }

    WorkspaceId workspaceId() {
        return workspace.workspace().id();
    }

    String key() {
        return workspace.firstKey().reveal();
    }

    String otherKey() {
        return otherWorkspace.firstKey().reveal();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    HttpResponse<String> send(String method, String path, String key, String contentType, String body) {
        return sendBytes(method, path, key, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> sendBytes(String method, String path, String key, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + request, e);
        }
    }

    HttpResponse<String> json(String method, String path, String body) {
        return send(method, path, key(), "application/json", body);
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, key(), null, null);
    }

    @Override
    public void close() {
        server.stop();
        app.close();
    }
}
