package org.agenthooks.adapters.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.nio.charset.StandardCharsets;

/**
 * Helidon's own answers to requests it refuses before any route sees them (a malformed request line, a bad
 * %-escape, a request line or headers over the limit, a body that cannot be read, bytes that are not HTTP), as
 * problem+json like every other refusal, and always closing the connection.
 */
final class ProblemDirectHandler implements DirectHandler {
    private ProblemDirectHandler() {}

    /** One handler for every kind of event Helidon answers by itself. */
    static DirectHandlers all() {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, new ProblemDirectHandler());
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(
            TransportRequest request,
            EventType eventType,
            Status defaultStatus,
            ServerResponseHeaders responseHeaders,
            String message) {
        // An error on the server's side of the protocol is still, here, a request it could not understand.
        Status status = defaultStatus.code() >= 500 ? Status.BAD_REQUEST_400 : defaultStatus;
        String detail = switch (status.code()) {
            case 414 -> "The request line is longer than this server accepts.";
            case 431 -> "The request headers are larger than this server accepts.";
            case 413 -> "The request body is larger than this server accepts.";
            default -> "The request is not well-formed HTTP/1.1 (or its body could not be read).";
        };
        byte[] body = JsonFactory.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", status.reasonPhrase())
                .add("status", status.code())
                .add("detail", detail)
                .build()
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        responseHeaders.set(HeaderNames.CONTENT_TYPE, Problems.PROBLEM_JSON.text());
        return TransportResponse.builder()
                .status(status)
                .headers(responseHeaders)
                .keepAlive(false)
                .entity(body)
                .build();
    }
}
