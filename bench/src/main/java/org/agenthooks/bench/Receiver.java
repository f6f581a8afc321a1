package org.agenthooks.bench;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The delivery benchmark's webhook receiver: a Helidon WebServer (default settings) in the bench JVM that
 * answers 200 at once and records each request's {@code webhook-id}, path, {@code "seq"} and arrival time.
 */
final class Receiver implements AutoCloseable {
    private static final HeaderName WEBHOOK_ID = HeaderNames.create("webhook-id");
    private static final byte[] NOTHING = new byte[0];

    /** How many times one webhook-id arrived, and when it last did. */
    static final class Arrivals {
        final AtomicInteger count = new AtomicInteger();
        final AtomicLong lastNanos = new AtomicLong();
    }

    /** Everything that arrived since it was started; a new recording starts each scenario. */
    static final class Recording {
        static final long BIN_NANOS = 100_000_000L;
        private static final int BINS = 10 * 60 * 10;

        final long startNanos = System.nanoTime();
        final AtomicLong total = new AtomicLong();
        final AtomicLongArray bins = new AtomicLongArray(BINS);
        /** Per webhook-id + ' ' + path: a count above one is a duplicate delivery. */
        final Map<String, AtomicInteger> perIdAndPath = new ConcurrentHashMap<>();

        final Map<String, Arrivals> perId = new ConcurrentHashMap<>();
        /** First arrival (nanoTime) of each {@code "seq"} in the payload's data, 0 if none yet. */
        final AtomicLongArray firstArrivalBySeq;

        Recording(int seqCapacity) {
            firstArrivalBySeq = new AtomicLongArray(Math.max(seqCapacity, 1));
        }

        void add(String path, String webhookId, long seq, long arrivedNanos) {
            total.incrementAndGet();
            int bin = (int) ((arrivedNanos - startNanos) / BIN_NANOS);
            if (bin >= 0 && bin < BINS) {
                bins.incrementAndGet(bin);
            }
            perIdAndPath
                    .computeIfAbsent(webhookId + ' ' + path, key -> new AtomicInteger())
                    .incrementAndGet();
            Arrivals arrivals = perId.computeIfAbsent(webhookId, key -> new Arrivals());
            arrivals.count.incrementAndGet();
            arrivals.lastNanos.accumulateAndGet(arrivedNanos, Math::max);
            if (seq >= 0 && seq < firstArrivalBySeq.length()) {
                firstArrivalBySeq.compareAndSet((int) seq, 0, arrivedNanos);
            }
        }

        /** Arrivals in the 100 ms bins that start within [fromNanos, toNanos). */
        long arrivedBetween(long fromNanos, long toNanos) {
            int from = (int) Math.max(0, (fromNanos - startNanos + BIN_NANOS - 1) / BIN_NANOS);
            int to = (int) Math.min(BINS, (toNanos - startNanos) / BIN_NANOS);
            long sum = 0;
            for (int bin = from; bin < to; bin++) {
                sum += bins.get(bin);
            }
            return sum;
        }

        /** Length of the bins {@link #arrivedBetween} counts, in seconds. */
        double binnedSeconds(long fromNanos, long toNanos) {
            int from = (int) Math.max(0, (fromNanos - startNanos + BIN_NANOS - 1) / BIN_NANOS);
            int to = (int) Math.min(BINS, (toNanos - startNanos) / BIN_NANOS);
            return Math.max(0, to - from) * BIN_NANOS / 1e9;
        }

        long duplicates() {
            return perIdAndPath.values().stream()
                    .mapToLong(count -> Math.max(0, count.get() - 1))
                    .sum();
        }
    }

    private final WebServer server;
    private volatile Recording recording = new Recording(0);

    Receiver() {
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.any(this::handle))
                .build()
                .start();
    }

    int port() {
        return server.port();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** Starts a new recording; {@code seqCapacity} bounds the seq numbers whose arrival times are kept. */
    Recording record(int seqCapacity) {
        Recording fresh = new Recording(seqCapacity);
        recording = fresh;
        return fresh;
    }

    private void handle(ServerRequest request, ServerResponse response) {
        long arrived = System.nanoTime();
        byte[] body = request.content().hasEntity() ? request.content().as(byte[].class) : NOTHING;
        String webhookId = request.headers().first(WEBHOOK_ID).orElse("");
        recording.add(request.path().rawPath(), webhookId, Payloads.seq(body), arrived);
        response.send();
    }

    @Override
    public void close() {
        server.stop();
    }
}
