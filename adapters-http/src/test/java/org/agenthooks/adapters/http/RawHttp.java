package org.agenthooks.adapters.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Bytes written as they are onto a socket, for requests no HTTP client would send, and what came back. */
final class RawHttp {
    private RawHttp() {}

    /** What the server answered before it closed the connection or went quiet for a while. */
    record Answer(String text, boolean closed) {
        int status() {
            return text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
        }

        String body() {
            int start = text.indexOf("\r\n\r\n");
            return start < 0 ? "" : text.substring(start + 4);
        }

        /** How many status lines came back: one request, one answer. */
        long answers() {
            return text.lines().filter(line -> line.startsWith("HTTP/1.1 ")).count();
        }
    }

    static Answer exchange(int port, byte[] request) {
        return exchange(port, request, false);
    }

    /** Sends the request; reads one answer, or, with {@code untilClosed}, everything until the server closes. */
    static Answer exchange(int port, byte[] request, boolean untilClosed) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(3_000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
            } catch (IOException refusedMidway) {
                // The server may answer (a 413, say) and close before the whole request is written.
            }
            return untilClosed ? readAll(socket.getInputStream()) : readOne(socket.getInputStream());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** One answer: the head, then as many body bytes as its Content-Length says. */
    static Answer readOne(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return new Answer(head.toString(StandardCharsets.UTF_8), true);
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int length = text.lines()
                    .filter(line -> line.regionMatches(true, 0, "content-length:", 0, 15))
                    .map(line -> Integer.parseInt(line.substring(15).strip()))
                    .findFirst()
                    .orElse(0);
            head.write(in.readNBytes(length));
        } catch (IOException reset) {
            return new Answer(head.toString(StandardCharsets.UTF_8), true);
        }
        return new Answer(head.toString(StandardCharsets.UTF_8), false);
    }

    static Answer readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException quiet) {
            return new Answer(answer.toString(StandardCharsets.UTF_8), false);
        } catch (IOException reset) {
            return new Answer(answer.toString(StandardCharsets.UTF_8), true);
        }
        return new Answer(answer.toString(StandardCharsets.UTF_8), true);
    }

    /** A request with the given head lines (each without its CRLF) and body bytes. */
    static byte[] request(String head, byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }
}
