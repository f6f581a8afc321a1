package org.agenthooks.bootstrap;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real webhook receiver on a free port: each path behaves as its name says, and every request is recorded.
 * {@code /ok} 200; {@code /flaky} 500 once then 200; {@code /down} always 500; {@code /gone} 410;
 * {@code /redirect} 302 to {@code /elsewhere}; {@code /slow} answers after 5 s.
 */
final class TestReceiver implements AutoCloseable {
    record Received(String path, Map<String, String> headers, byte[] body, Instant at) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final WebServer server;

    TestReceiver() {
        server = WebServer.builder()
                .port(0)
                .routing(routing -> routing.post("/{name}", this::handle))
                .build()
                .start();
    }

    private void handle(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("name");
        Map<String, String> headers = new ConcurrentHashMap<>();
        req.headers().forEach(header -> headers.put(header.name().toLowerCase(), header.values()));
        received.add(new Received("/" + name, headers, req.content().as(byte[].class), Instant.now()));
        int hit = hits.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
        switch (name) {
            case "flaky" ->
                res.status(hit == 1 ? Status.INTERNAL_SERVER_ERROR_500 : Status.OK_200)
                        .send("flaky " + hit);
            case "down" -> res.status(Status.INTERNAL_SERVER_ERROR_500).send("down");
            case "gone" -> res.status(Status.GONE_410).send("gone");
            case "redirect" ->
                res.status(Status.FOUND_302)
                        .header(HeaderNames.LOCATION, url("/elsewhere"))
                        .send();
            case "slow" -> {
                sleep(Duration.ofSeconds(5));
                res.send("late");
            }
            default -> res.send("thanks");
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    List<Received> all() {
        return List.copyOf(received);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
