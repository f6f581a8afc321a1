package org.agenthooks.adapters.http;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonStructure;
import java.nio.charset.StandardCharsets;

/** Writes JSON answers. */
final class Responses {
    private Responses() {}

    static void json(ServerResponse res, Status status, JsonStructure body) {
        res.status(status);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
