package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server closes connections by itself: idle ones, and requests whose request line, head or body never finish
 * (a slow-loris client). (A connection that never sends a byte is not seen by Helidon 4.5 at all: docs/security.md.) Short limits come from configuration; the real service runs them. What
 * the clients did leaves one short line each in the log, no stack traces and no echo of what they sent.
 */
class StalledConnectionsTest {
    private static final String API_KEY = "key_StalledTst1.stalled-secret-part-0123456789";
    /** Far longer than the configured limits (2 s), far shorter than Helidon's default (5 min). */
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(20);

    @TempDir
    static Path workDir;

    static ServiceProcess service;

    @BeforeAll
    static void start() throws IOException {
        service = ServiceProcess.start(
                workDir,
                ServiceProcess.freePort(),
                Map.of(
                        "DB_CONNECTION_URL", "jdbc:h2:file:" + workDir.resolve("webhooks") + ";WRITE_DELAY=0",
                        "DEMO_API_KEY", API_KEY,
                        "SERVER_IDLE_CONNECTION_TIMEOUT", "PT2S",
                        "SERVER_IDLE_CONNECTION_PERIOD", "PT1S",
                        "API_REQUEST_READ_TIMEOUT", "2s"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void an_idle_keep_alive_connection_is_closed() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /openapi HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200");

            assertClosedByTheServer(socket);
        }
    }

    @Test
    void a_request_line_sent_a_byte_at_a_time_is_cut_off() throws Exception {
        try (Socket socket = connect()) {
            assertThat(trickle(socket, "GET /v1/webhooks?" + "a".repeat(200))).isTrue();
        }
    }

    @Test
    void headers_that_never_end_are_cut_off() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "GET /v1/webhooks HTTP/1.1\r\nHost: localhost\r\n");

            assertThat(trickle(socket, "X-Slow: " + "a".repeat(200))).isTrue();
        }
    }

    @Test
    void a_body_shorter_than_its_length_is_cut_off() throws IOException {
        try (Socket socket = connect()) {
            send(
                    socket,
                    "POST /v1/agents HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + API_KEY
                            + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":");

            assertClosedByTheServer(socket);
        }
    }

    @Test
    void a_chunked_body_that_stops_is_cut_off() throws IOException {
        try (Socket socket = connect()) {
            send(
                    socket,
                    "POST /v1/agents HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + API_KEY
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"name\":");

            assertClosedByTheServer(socket);
        }
    }

    @Test
    void clients_that_misbehave_leave_one_short_line_each_and_none_of_their_data() throws Exception {
        String extension = "x".repeat(10_240);
        for (int i = 0; i < 5; i++) {
            try (Socket socket = connect()) {
                send(
                        socket,
                        "POST /v1/agents HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + API_KEY
                                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2;"
                                + extension
                                + "\r\n{}\r\n0\r\n\r\n");
                readHead(socket.getInputStream());
            }
            try (Socket socket = connect()) {
                send(
                        socket,
                        "POST /v1/agents HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + API_KEY
                                + "\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{");
                // and hangs up mid-body
            }
            try (Socket socket = connect()) {
                send(
                        socket,
                        "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003" + "\u0000".repeat(40));
                readHead(socket.getInputStream());
            }
        }
        Thread.sleep(3_000);

        String log = service.log();
        assertThat(log).doesNotContain("\tat ").doesNotContain("x".repeat(100));
        assertThat(log.lines().filter(line -> line.length() > 400)).isEmpty();
    }

    /** Sends {@code text} one byte every 300 ms; true when the server closed the connection before it was all sent. */
    private static boolean trickle(Socket socket, String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(CLOSED_WITHIN);
        try {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; Instant.now().isBefore(deadline); i = (i + 1) % text.length()) {
                out.write(text.charAt(i));
                out.flush();
                Thread.sleep(300);
            }
            return false;
        } catch (IOException closed) {
            return true;
        }
    }

    private static void assertClosedByTheServer(Socket socket) throws IOException {
        socket.setSoTimeout((int) CLOSED_WITHIN.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // an answer (a 400, say) may come before the close
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the server had not closed the connection after " + CLOSED_WITHIN);
        } catch (IOException reset) {
            // closed
        }
    }

    private static Socket connect() throws IOException {
        return new Socket("127.0.0.1", service.port);
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b; !head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0; ) {
            head.append((char) b);
        }
        return head.toString();
    }
}
