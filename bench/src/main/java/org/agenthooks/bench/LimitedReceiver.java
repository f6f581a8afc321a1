package org.agenthooks.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A receiver that serves at most {@code capacity} requests at once, each taking {@code serviceTime}, and answers
 * {@code 429} (without {@code Retry-After}) to any request beyond; counts each {@code webhook-id} it answered
 * {@code 200}, and samples how many requests it serves at once.
 */
final class LimitedReceiver implements AutoCloseable {
    private final int capacity;
    private final Duration serviceTime;
    private final HttpServer server;
    private final AtomicInteger serving = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong servingSum = new AtomicLong();
    private final AtomicInteger most = new AtomicInteger();
    private final Thread sampler;
    private volatile boolean sampling;

    LimitedReceiver(int capacity, Duration serviceTime) throws IOException {
        this.capacity = capacity;
        this.serviceTime = serviceTime;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
        sampler = Thread.ofVirtual().unstarted(this::sampleLoop);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        int now = serving.incrementAndGet();
        try {
            if (now > capacity) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(429, -1);
                return;
            }
            most.accumulateAndGet(now, Math::max);
            Thread.sleep(serviceTime);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            accepted.computeIfAbsent(String.valueOf(id), k -> new AtomicInteger())
                    .incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            serving.decrementAndGet();
            exchange.close();
        }
    }

    /** Starts sampling the requests served at once every millisecond (until {@link #stopSampling()}). */
    void startSampling() {
        sampling = true;
        sampler.start();
    }

    void stopSampling() {
        sampling = false;
    }

    private void sampleLoop() {
        while (sampling) {
            servingSum.addAndGet(Math.min(capacity, serving.get()));
            samples.incrementAndGet();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    double meanServing() {
        return samples.get() == 0 ? 0 : servingSum.get() / (double) samples.get();
    }

    int mostServing() {
        return most.get();
    }

    long refused() {
        return refused.get();
    }

    int distinctAccepted() {
        return accepted.size();
    }

    long acceptedTwice() {
        return accepted.values().stream().filter(count -> count.get() > 1).count();
    }

    @Override
    public void close() {
        server.stop(0);
        sampling = false;
    }
}
