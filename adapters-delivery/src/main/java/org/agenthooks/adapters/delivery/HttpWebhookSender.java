package org.agenthooks.adapters.delivery;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.application.port.out.WebhookSender;
import org.agenthooks.domain.delivery.AttemptResult;

/**
 * Webhook sender over the Helidon WebClient: one shared HTTP/1.1 client whose keep-alive connections are pooled
 * per receiver, no redirects followed, and every attempt over within the attempt timeout. It connects straight to
 * the receiver, whatever proxy the JVM is configured with: a proxy would connect to addresses that the
 * {@link GuardedDnsResolver} never saw.
 */
public final class HttpWebhookSender implements WebhookSender, AutoCloseable {
    public static final String USER_AGENT = "agent-webhooks/0.1";
    // Idle keep-alive connections kept per receiver (scheme, host, port); beyond that, finished ones are closed.
    private static final int IDLE_CONNECTIONS_PER_RECEIVER = 256;

    private final SenderSettings settings;
    // HTTP/1.1 itself rather than the WebClient that would find out, for every request, which protocol to speak.
    private final Http1Client client;
    /** The few header names requests use, made (and validated) once each. */
    private final Map<String, HeaderName> headerNames = new ConcurrentHashMap<>();

    private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();

    public HttpWebhookSender(SenderSettings settings) {
        this(settings, HostResolver.SYSTEM);
    }

    HttpWebhookSender(SenderSettings settings, HostResolver resolver) {
        this.settings = settings;
        this.client = Http1Client.builder()
                .connectTimeout(shorter(settings.connectTimeout(), settings.attemptTimeout()))
                .readTimeout(settings.attemptTimeout())
                .followRedirects(false)
                .keepAlive(true)
                // An own pool rather than the JVM-wide one, so that close() really closes our connections.
                .shareConnectionCache(false)
                .connectionCacheSize(IDLE_CONNECTIONS_PER_RECEIVER)
                .dnsResolver(new GuardedDnsResolver(settings.allowPrivateNetworks(), resolver))
                .proxy(Proxy.noProxy())
                .build();
    }

    @Override
    public AttemptResult send(OutboundRequest request) throws InterruptedException {
        long started = System.nanoTime();
        Future<AttemptResult> attempt;
        try {
            attempt = attempts.submit(() -> exchange(request, started));
        } catch (RejectedExecutionException e) {
            return AttemptResult.unreachable("sender is closed", since(started));
        }
        try {
            return attempt.get(settings.attemptTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // The read timeout restarts with every packet, so a receiver trickling bytes could hold the attempt
            // for ever; interrupting the attempt's virtual thread closes its socket instead.
            attempt.cancel(true);
            return AttemptResult.unreachable(NetworkErrors.timedOut(settings), since(started));
        } catch (InterruptedException e) {
            // Our own stop, not the receiver: the caller hands the attempt back instead of recording a failure.
            attempt.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return AttemptResult.unreachable(NetworkErrors.describe(e.getCause(), settings), since(started));
        }
    }

    private AttemptResult exchange(OutboundRequest request, long started) {
        try (HttpClientResponse response = client.post()
                .uri(request.url().toUri())
                .headers(headers -> {
                    request.headers()
                            .forEach((name, value) ->
                                    headers.set(headerNames.computeIfAbsent(name, HeaderNames::create), value));
                    headers.set(HeaderValues.CONTENT_TYPE_JSON);
                    headers.set(HeaderNames.USER_AGENT, USER_AGENT);
                })
                .submit(request.body())) {
            Optional<Duration> retryAfter = response.headers()
                    .first(HeaderNames.RETRY_AFTER)
                    .flatMap(value -> RetryAfter.parse(value, Instant.now()));
            String excerpt = excerpt(response);
            return AttemptResult.answered(response.status().code(), retryAfter, since(started), excerpt);
        } catch (RuntimeException e) {
            return AttemptResult.unreachable(NetworkErrors.describe(e, settings), since(started));
        }
    }

    /**
     * The start of the body, never reading more than one byte past the excerpt: reaching the end of a short body
     * lets the connection go back to the pool, while closing the response drops the rest of a long one unread.
     */
    private static String excerpt(HttpClientResponse response) {
        byte[] buffer = new byte[AttemptResult.EXCERPT_BYTES + 1];
        int filled = 0;
        try {
            InputStream body = response.inputStream();
            int read;
            while (filled < buffer.length && (read = body.read(buffer, filled, buffer.length - filled)) != -1) {
                filled += read;
            }
        } catch (IOException | RuntimeException e) {
            // The status already answered the attempt; keep whatever part of the body arrived.
        }
        return ResponseExcerpt.of(buffer, Math.min(filled, AttemptResult.EXCERPT_BYTES));
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Closes the pooled connections; attempts still running are interrupted. */
    @Override
    public void close() {
        attempts.shutdownNow();
        client.closeResource();
    }
}
