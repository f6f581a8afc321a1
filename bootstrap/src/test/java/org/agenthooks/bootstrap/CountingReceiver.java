package org.agenthooks.bootstrap;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A receiver for bursts of thousands: answers 200 at once on any path and counts each (webhook-id, path) once
 * the whole body has arrived, and how late the latest came. {@link TestReceiver} keeps every request, which is
 * what a burst must not do.
 */
final class CountingReceiver implements AutoCloseable {
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong maxLagMillis = new AtomicLong();
    private final WebServer server;

    CountingReceiver() {
        server = WebServer.builder()
                .port(0)
                .routing(routing -> routing.post("/{name}", (req, res) -> {
                    String id = req.headers()
                            .first(HeaderNames.create("webhook-id"))
                            .orElse("none");
                    String body = req.content().as(String.class);
                    Matcher timestamp = TIMESTAMP.matcher(body);
                    if (timestamp.find()) {
                        long lag = Duration.between(Instant.parse(timestamp.group(1)), Instant.now())
                                .toMillis();
                        maxLagMillis.accumulateAndGet(lag, Math::max);
                    }
                    counts.computeIfAbsent(
                                    key(id, "/" + req.path().pathParameters().get("name")), k -> new AtomicInteger())
                            .incrementAndGet();
                    requests.incrementAndGet();
                    res.send("ok");
                }))
                .build()
                .start();
    }

    private static String key(String eventId, String path) {
        return eventId + " " + path;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** Requests received, duplicates included. */
    long requests() {
        return requests.get();
    }

    /**
     * The longest time from an event's timestamp (taken when it was ingested, just before its deliveries were
     * leased) to one of its deliveries arriving here. Past the lease, another instance may have sent it too.
     */
    long maxLagMillis() {
        return maxLagMillis.get();
    }

    /** Distinct (webhook-id, path) pairs received. */
    int distinct() {
        return counts.size();
    }

    /** Requests beyond the first of each (webhook-id, path). */
    long duplicates() {
        return counts.values().stream().mapToLong(count -> count.get() - 1).sum();
    }

    /** The (webhook-id, path) pairs of these events and paths that have not arrived, a few of them. */
    List<String> missing(Collection<String> eventIds, List<String> paths) {
        List<String> missing = new ArrayList<>();
        for (String eventId : eventIds) {
            for (String path : paths) {
                if (!counts.containsKey(key(eventId, path))) {
                    missing.add(key(eventId, path));
                }
            }
        }
        return missing;
    }

    /** The pairs received that do not belong to these events: deliveries of events never acknowledged. */
    long outside(Collection<String> eventIds) {
        var known = new java.util.HashSet<>(eventIds);
        return counts.keySet().stream()
                .filter(key -> !known.contains(key.substring(0, key.indexOf(' '))))
                .count();
    }

    @Override
    public void close() {
        server.stop();
    }
}
