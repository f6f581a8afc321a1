package org.agenthooks.adapters.http;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code /openapi}: the OpenAPI 3.1 description of the whole API, open to everyone. */
final class OpenApiHttpService implements HttpService {
    static final String DOCUMENT = "openapi.json";
    private final byte[] document = load();

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::serve).any("/", Problems.methodNotAllowed("GET"));
    }

    private void serve(ServerRequest req, ServerResponse res) {
        res.status(Status.OK_200);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(document);
    }

    private static byte[] load() {
        try (InputStream in = OpenApiHttpService.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the adapters-http module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
