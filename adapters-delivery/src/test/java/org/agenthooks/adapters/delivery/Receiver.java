package org.agenthooks.adapters.delivery;

import io.helidon.http.Header;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.agenthooks.domain.webhook.WebhookUrl;

/** A real local webhook receiver on a Helidon server: records every request and answers as the test tells it. */
final class Receiver implements AutoCloseable {
    /** One request as it arrived; header names are lower-cased. */
    record Received(String method, String pathAndQuery, Map<String, String> headers, byte[] body, int remotePort) {}

    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile Handler answer = (request, response) -> response.send("ok");
    private final WebServer server;

    Receiver() {
        server = WebServer.builder()
                .port(0)
                .routing(routing -> routing.any(this::handle))
                .build()
                .start();
    }

    Receiver answering(Handler answer) {
        this.answer = answer;
        return this;
    }

    WebhookUrl url(String pathAndQuery) {
        return new WebhookUrl("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** How many TCP connections the requests came over, told apart by the client's port. */
    Set<Integer> connections() {
        return received.stream().map(Received::remotePort).collect(Collectors.toSet());
    }

    private void handle(ServerRequest request, ServerResponse response) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : request.headers()) {
            headers.put(header.name().toLowerCase(Locale.ROOT), header.get());
        }
        byte[] body = request.content().hasEntity() ? request.content().as(byte[].class) : new byte[0];
        String query = request.query().rawValue();
        received.add(new Received(
                request.prologue().method().text(),
                request.path().rawPath() + (query.isEmpty() ? "" : "?" + query),
                headers,
                body,
                ((InetSocketAddress) request.remotePeer().address()).getPort()));
        answer.handle(request, response);
    }

    @Override
    public void close() {
        server.stop();
    }
}
