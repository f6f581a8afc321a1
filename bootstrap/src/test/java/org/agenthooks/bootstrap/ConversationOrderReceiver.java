package org.agenthooks.bootstrap;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real receiver that checks conversation order as a receiver would: a request for sequence n of a conversation
 * is out of order if some earlier sequence of it has not been accepted (answered 2xx) yet, unless the request says
 * {@code webhook-order: released}. Each event is refused (500) on its first attempts as often as its draw says:
 * none, once or twice, so every event is accepted within a retry schedule of three attempts or more.
 */
final class ConversationOrderReceiver implements AutoCloseable {
    private static final Pattern CONVERSATION = Pattern.compile("\"conversationId\":\"([^\"]+)\"");
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private final double failOnceShare;
    private final double failTwiceShare;
    private final Map<String, Set<Long>> accepted = new HashMap<>();
    private final Map<String, Integer> refusalsLeft = new HashMap<>();
    private final List<String> outOfOrder = new ArrayList<>();
    private final List<String> released = new ArrayList<>();
    private final Set<String> acceptedEvents = new HashSet<>();
    private int requests;
    private int unnumbered;
    private final WebServer server;

    /** Events refused once for {@code failOnceShare} of them, twice for {@code failTwiceShare}. */
    ConversationOrderReceiver(double failOnceShare, double failTwiceShare) {
        this.failOnceShare = failOnceShare;
        this.failTwiceShare = failTwiceShare;
        server = WebServer.builder()
                .port(0)
                .routing(routing -> routing.post("/ordered", this::handle))
                .build()
                .start();
    }

    private void handle(ServerRequest req, ServerResponse res) {
        String body = new String(req.content().as(byte[].class), StandardCharsets.UTF_8);
        boolean releasedHeader = req.headers()
                .first(io.helidon.http.HeaderNames.create("webhook-order"))
                .filter("released"::equals)
                .isPresent();
        boolean accept = check(body, releasedHeader);
        res.status(accept ? Status.OK_200 : Status.INTERNAL_SERVER_ERROR_500).send(accept ? "ok" : "not yet");
    }

    private synchronized boolean check(String body, boolean releasedHeader) {
        requests++;
        String eventId = group(ID, body);
        String conversation = group(CONVERSATION, body);
        String sequenceText = group(SEQUENCE, body);
        if (sequenceText == null) {
            unnumbered++;
            return true;
        }
        long sequence = Long.parseLong(sequenceText);
        Set<Long> done = accepted.computeIfAbsent(conversation, key -> new HashSet<>());
        for (long earlier = 1; earlier < sequence; earlier++) {
            if (!done.contains(earlier)) {
                (releasedHeader ? released : outOfOrder)
                        .add(conversation + ": " + sequence + " before " + earlier + " was accepted");
                break;
            }
        }
        int left = refusalsLeft.computeIfAbsent(eventId, key -> draw());
        if (left > 0) {
            refusalsLeft.put(eventId, left - 1);
            return false;
        }
        done.add(sequence);
        acceptedEvents.add(eventId);
        return true;
    }

    private int draw() {
        double draw = ThreadLocalRandom.current().nextDouble();
        return draw < failTwiceShare ? 2 : draw < failTwiceShare + failOnceShare ? 1 : 0;
    }

    private static String group(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    String url() {
        return "http://127.0.0.1:" + server.port() + "/ordered";
    }

    synchronized int acceptedEvents() {
        return acceptedEvents.size();
    }

    /** The ids of the events answered 2xx. */
    synchronized Set<String> acceptedEventIds() {
        return Set.copyOf(acceptedEvents);
    }

    synchronized List<String> outOfOrder() {
        return List.copyOf(outOfOrder);
    }

    synchronized List<String> released() {
        return List.copyOf(released);
    }

    synchronized int requests() {
        return requests;
    }

    synchronized int unnumbered() {
        return unnumbered;
    }

    /** How many conversations have all of sequences 1..{@code count} accepted. */
    synchronized long conversationsComplete(long count) {
        return accepted.values().stream()
                .filter(sequences -> sequences.size() == count)
                .count();
    }

    @Override
    public void close() {
        server.stop();
    }
}
