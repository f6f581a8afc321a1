package org.agenthooks.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * A receiver on a bare socket, one connection at a time, answering the n-th request (from 1) with the raw HTTP
 * its script gives, or, where the script gives null, hanging up without an answer (a receiver that crashed
 * mid-request). Every request is recorded; every answer closes the connection.
 */
final class SocketReceiver implements AutoCloseable {
    private final ServerSocket server;
    private final IntFunction<String> script;
    private final List<TestReceiver.Received> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SocketReceiver(int port, IntFunction<String> script) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.script = script;
        this.acceptor = Thread.ofPlatform().daemon().name("socket-receiver").start(this::serve);
    }

    SocketReceiver(IntFunction<String> script) throws IOException {
        this(0, script);
    }

    static String answer(int status, String reason, String... headers) {
        return "HTTP/1.1 " + status + " " + reason + "\r\n" + String.join("", headers)
                + "Content-Length: 0\r\nConnection: close\r\n\r\n";
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                TestReceiver.Received request = read(socket.getInputStream());
                if (request == null) {
                    continue;
                }
                received.add(request);
                String answer = script.apply(received.size());
                if (answer != null) {
                    socket.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
            } catch (IOException e) {
                // closed, or the client hung up: wait for the next connection
            }
        }
    }

    private static TestReceiver.Received read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next == -1) {
                return null;
            }
            head.write(next);
        }
        List<String> lines = head.toString(StandardCharsets.ISO_8859_1).lines().toList();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new TestReceiver.Received(lines.getFirst().split(" ")[1], headers, body, Instant.now());
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    List<TestReceiver.Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
