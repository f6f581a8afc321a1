package org.agenthooks.adapters.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agenthooks.domain.webhook.WebhookUrl;

/**
 * A receiver on a bare socket, for answers no HTTP server would give: it reads one request, then writes what the
 * test scripts, byte by byte if need be, and notes how much it could write before the client hung up.
 */
final class RawReceiver implements AutoCloseable {
    /** Writes the answer; an IOException means the client closed the connection. */
    @FunctionalInterface
    interface Answer {
        void write(OutputStream out, AtomicLong written) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final AtomicLong written = new AtomicLong();
    private final CountDownLatch hungUp = new CountDownLatch(1);
    private volatile boolean clientHungUp;

    RawReceiver(Answer answer) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("raw-receiver").start(() -> serve(answer));
    }

    private void serve(Answer answer) {
        try (Socket socket = server.accept()) {
            readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            try {
                answer.write(out, written);
                out.flush();
            } catch (IOException closedByClient) {
                clientHungUp = true;
            }
        } catch (IOException | InterruptedException e) {
            // closed while waiting
        } finally {
            hungUp.countDown();
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next == -1) {
                return;
            }
            head.write(next);
        }
        long length = head.toString(StandardCharsets.ISO_8859_1)
                .lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .mapToLong(line ->
                        Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst()
                .orElse(0);
        in.readNBytes((int) length);
    }

    WebhookUrl url() {
        return new WebhookUrl("http://127.0.0.1:" + server.getLocalPort() + "/hook");
    }

    /** Whether a write failed because the client had closed the connection, waiting up to {@code limit}. */
    boolean clientHungUpWithin(Duration limit) throws InterruptedException {
        return hungUp.await(limit.toMillis(), TimeUnit.MILLISECONDS) && clientHungUp;
    }

    long bytesWritten() {
        return written.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
