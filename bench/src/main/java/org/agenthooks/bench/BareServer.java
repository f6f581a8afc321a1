package org.agenthooks.bench;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import java.nio.charset.StandardCharsets;

/**
 * The API benchmark's yardstick: a Helidon WebServer with default settings and one {@code GET /bare} route that
 * returns a fixed 300-byte JSON document, run as its own process on the same JVM as the service.
 * Usage: {@code BareServer <port>}.
 */
public final class BareServer {
    static final String PATH = "/bare";
    static final byte[] BODY = body300();

    private BareServer() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> routing.get(PATH, (request, response) -> {
                    response.header(HeaderValues.CONTENT_TYPE_JSON);
                    response.send(BODY);
                }))
                .build()
                .start();
    }

    /** A webhook-like document padded to exactly 300 bytes, about the size of a real GET /v1/webhooks/{id}. */
    private static byte[] body300() {
        String head = "{\"workspaceId\":\"org_0123456789abcdef\",\"webhookId\":\"wh_0123456789abcdef\","
                + "\"name\":\"Test Webhook 1\",\"agentId\":\"D5D0p7TUs66TTAEAx\",\"active\":true,"
                + "\"secret\":\"your****cret\",\"events\":[\"conversation_started\"],\"url\":\"https://example.com/";
        String tail = "\"}";
        String body = head + "x".repeat(300 - head.length() - tail.length()) + tail;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != 300) {
            throw new IllegalStateException("bare body is " + bytes.length + " bytes");
        }
        return bytes;
    }
}
