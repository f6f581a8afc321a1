package org.agenthooks.bootstrap;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to a running service over real HTTP with the JDK client, as any API consumer would. */
final class ServiceClient {
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String apiKey;

    ServiceClient(int port, String apiKey) {
        this.base = "http://127.0.0.1:" + port;
        this.apiKey = apiKey;
    }

    HttpResponse<String> send(String method, String path, String jsonBody) {
        try {
            return exchange(method, path, jsonBody);
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    /** Like {@link #send}, but a failed exchange (refused, reset, timed out) is thrown as it is. */
    HttpResponse<String> exchange(String method, String path, String jsonBody)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .header("X-API-KEY", apiKey)
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonObject json(String method, String path, String jsonBody, int expectedStatus) {
        HttpResponse<String> response = send(method, path, jsonBody);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + ": expected " + expectedStatus + " but got "
                    + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    JsonObject get(String path) {
        return json("GET", path, null, 200);
    }

    static JsonObject parse(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
