package org.agenthooks.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request head and body have not all arrived within the limit after its request line
 * (a slow-loris client, a body shorter than its length). Helidon's idle timeout covers only connections waiting for
 * a request line; this covers the rest of the request. The connection's (virtual) thread is interrupted, which
 * closes its socket. The limit is disarmed once the head has no body to follow, once the body has been read, or when
 * the answer starts.
 */
final class RequestReadDeadline implements Http1ConnectionListener {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("request-read-deadline").factory());
    private static final ThreadLocal<Armed> CURRENT = new ThreadLocal<>();

    private final Duration limit;

    RequestReadDeadline(Duration limit) {
        this.limit = limit;
    }

    /** The interrupt waiting for one request; disarming it under the lock means it cannot fire afterwards. */
    private static final class Armed implements Runnable {
        private final Thread reader = Thread.currentThread();
        private boolean armed = true;

        @Override
        public synchronized void run() {
            if (armed) {
                armed = false;
                reader.interrupt();
            }
        }

        synchronized void disarm() {
            armed = false;
        }
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        disarm();
        Armed armed = new Armed();
        CURRENT.set(armed);
        TIMER.schedule(armed, limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        boolean bodyFollows = headers.contains(HeaderNames.TRANSFER_ENCODING)
                || headers.contentLength().orElse(0L) > 0;
        if (!bodyFollows) {
            disarm();
        }
    }

    @Override
    public void status(ConnectionContext ctx, Status status) {
        disarm();
    }

    /** The request on this thread has been read whole: it is no longer subject to the limit. */
    static void disarm() {
        Armed armed = CURRENT.get();
        if (armed != null) {
            armed.disarm();
            CURRENT.remove();
        }
    }
}
