package org.agenthooks.bench;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The throughput run's floor: what the two HTTP hops of every delivery cost on this machine, with nothing else.
 * A Helidon WebServer whose {@code POST /v1/events} forwards the body it got, as it is, to the receiver over a
 * pooled Helidon WebClient with a fresh {@code webhook-id}, and answers {@code 202 {"eventId","deliveries":1}}
 * once the receiver has answered. No storage, no parsing, no signing, no queue: a webhook service that does any
 * of those can only be slower, so its throughput / ceiling ratio is bounded by this one's.
 * Usage: {@code BareRelay <port> <receiver url>}.
 */
public final class BareRelay {
    static final String READY_PATH = "/ready";
    private static final HeaderName WEBHOOK_ID = HeaderNames.create("webhook-id");

    private BareRelay() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        WebClient receiver = EventPoster.client(args[1]);
        AtomicLong next = new AtomicLong();
        WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> routing.get(READY_PATH, (request, response) -> response.send("ready"))
                        .post("/v1/events", (request, response) -> {
                            byte[] event = request.content().as(byte[].class);
                            String eventId = "evt_relay" + next.getAndIncrement();
                            int status;
                            try (HttpClientResponse forwarded = receiver.post()
                                    .header(HeaderValues.CONTENT_TYPE_JSON)
                                    .header(WEBHOOK_ID, eventId)
                                    .submit(event)) {
                                status = forwarded.status().code();
                            }
                            if (status / 100 != 2) {
                                response.status(Status.BAD_GATEWAY_502).send("receiver answered " + status);
                                return;
                            }
                            response.status(Status.ACCEPTED_202)
                                    .header(HeaderValues.CONTENT_TYPE_JSON)
                                    .send(("{\"eventId\":\"" + eventId + "\",\"deliveries\":1}")
                                            .getBytes(StandardCharsets.UTF_8));
                        }))
                .build()
                .start();
    }
}
