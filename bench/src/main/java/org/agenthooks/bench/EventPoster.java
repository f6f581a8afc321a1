package org.agenthooks.bench;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Posts events to the service's {@code POST /v1/events} (or in batches to {@code POST /v1/events/batch}) over one shared Helidon WebClient, keeping up to 256
 * keep-alive connections, so that many virtual threads can post at once without reconnecting.
 */
final class EventPoster implements AutoCloseable {
    static final int CONNECTIONS_KEPT = 256;
    private static final HeaderName API_KEY = HeaderNames.create("X-API-Key");
    private static final byte[] BATCH_HEAD = "{\"events\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BATCH_TAIL = "]}".getBytes(StandardCharsets.US_ASCII);
    private static final String EVENT_ID = "\"eventId\":\"";

    /** The service's answer: status (-1 when the request failed) and, for a 202, the eventId and fan-out count. */
    record Answer(int status, String eventId, int deliveries) {
        boolean accepted() {
            return status == 202 && eventId != null;
        }
    }

    private final WebClient client;
    private final AtomicReference<String> firstProblem = new AtomicReference<>();
    private final LongAdder accepted = new LongAdder();

    EventPoster(String baseUri) {
        client = client(baseUri);
    }

    /** The WebClient the bench uses for the service and for the ceiling loop alike. */
    static WebClient client(String baseUri) {
        return WebClient.builder()
                .baseUri(baseUri)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .keepAlive(true)
                .shareConnectionCache(false)
                .connectionCacheSize(CONNECTIONS_KEPT)
                .build();
    }

    Answer post(byte[] event) {
        try (HttpClientResponse response = client.post("/v1/events")
                .header(API_KEY, ServiceProcess.API_KEY)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .submit(event)) {
            String body = response.entity().hasEntity() ? response.as(String.class) : "";
            int status = response.status().code();
            if (status == 202) {
                accepted.increment();
            } else {
                firstProblem.compareAndSet(null, status + " " + body);
            }
            return new Answer(status, field(body, "\"eventId\":\""), intField(body, "\"deliveries\":"));
        } catch (RuntimeException e) {
            firstProblem.compareAndSet(null, e.toString());
            return new Answer(-1, null, 0);
        }
    }

    /**
     * Posts {@code events} (JSON objects) in one {@code POST /v1/events/batch}; the eventIds of those answered 202, or
     * none when the request as a whole failed.
     */
    List<String> postBatch(List<byte[]> events) {
        int size = 2
                + "{\"events\":[]}".length()
                + events.stream().mapToInt(e -> e.length + 1).sum();
        ByteArrayOutputStream body = new ByteArrayOutputStream(size);
        body.writeBytes(BATCH_HEAD);
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(events.get(i));
        }
        body.writeBytes(BATCH_TAIL);
        try (HttpClientResponse response = client.post("/v1/events/batch")
                .header(API_KEY, ServiceProcess.API_KEY)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .submit(body.toByteArray())) {
            String answer = response.entity().hasEntity() ? response.as(String.class) : "";
            if (response.status().code() != 200) {
                firstProblem.compareAndSet(null, response.status().code() + " " + answer);
                return List.of();
            }
            List<String> eventIds = new ArrayList<>(events.size());
            // Each accepted result names its eventId; a refused one (a problem) has none.
            for (int at = answer.indexOf(EVENT_ID); at >= 0; at = answer.indexOf(EVENT_ID, at + 1)) {
                eventIds.add(field(answer.substring(at), EVENT_ID));
            }
            if (eventIds.size() < events.size()) {
                firstProblem.compareAndSet(null, "a batch item was refused: " + answer.substring(0, 300));
            }
            accepted.add(eventIds.size());
            return eventIds;
        } catch (RuntimeException e) {
            firstProblem.compareAndSet(null, e.toString());
            return List.of();
        }
    }

    /** How many posts the service has answered 202 so far. */
    long acceptedSoFar() {
        return accepted.sum();
    }

    /** The first non-202 answer or error, for the report. */
    String firstProblem() {
        return firstProblem.get();
    }

    private static String field(String json, String prefix) {
        int at = json.indexOf(prefix);
        if (at < 0) {
            return null;
        }
        int from = at + prefix.length();
        int to = json.indexOf('"', from);
        return to < 0 ? null : json.substring(from, to);
    }

    private static int intField(String json, String prefix) {
        int at = json.indexOf(prefix);
        if (at < 0) {
            return -1;
        }
        int from = at + prefix.length();
        int to = from;
        while (to < json.length() && Character.isDigit(json.charAt(to))) {
            to++;
        }
        return to == from ? -1 : Integer.parseInt(json.substring(from, to));
    }

    @Override
    public void close() {
        client.closeResource();
    }
}
