package org.agenthooks.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The management calls a benchmark needs before it loads the service, over the JDK HTTP client. */
final class ServiceApi {
    static final List<String> ALL_EVENTS =
            List.of("conversation_started", "conversation_ended", "conversation_analysed");
    /** {@code -Dbench.ordering}: the {@code ordering} every webhook is created with; unset, the service's default. */
    private static final Optional<String> ORDERING = Optional.ofNullable(System.getProperty("bench.ordering"));

    private static final Pattern WEBHOOK_ID = Pattern.compile("\"webhookId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUri;

    ServiceApi(String baseUri) {
        this.baseUri = baseUri;
    }

    /** The docs' create request for {@code agentId}, aimed at {@code url}; the body wrk's POST script sends too. */
    static String createBody(String name, String agentId, String url, List<String> events) {
        return "{\"name\":\"" + name + "\",\"url\":\"" + url + "\",\"agentId\":\"" + agentId
                + "\",\"secret\":\"your-signing-secret\",\"events\":["
                + events.stream().map(event -> "\"" + event + "\"").collect(Collectors.joining(",")) + "]"
                + ORDERING.map(ordering -> ",\"ordering\":\"" + ordering + "\"").orElse("") + "}";
    }

    /** Creates a webhook and returns its id; fails unless the answer is 201. */
    String createWebhook(String name, String agentId, String url, List<String> events)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUri + "/v1/webhooks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(createBody(name, agentId, url, events))));
        if (response.statusCode() != 201) {
            throw new IOException("create webhook answered " + response.statusCode() + ": " + response.body());
        }
        Matcher matcher = WEBHOOK_ID.matcher(response.body());
        if (!matcher.find()) {
            throw new IOException("no webhookId in " + response.body());
        }
        return matcher.group(1);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUri + path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(
                request.header("X-API-Key", ServiceProcess.API_KEY)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
