package org.agenthooks.adapters.http;

import io.helidon.http.Status;
import java.util.Map;

/** A request the API refuses for an HTTP reason (no key, wrong method, wrong content type, too large...). */
final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Status status;
    private final transient Map<String, String> headers;

    HttpProblem(Status status, String detail) {
        this(status, detail, Map.of());
    }

    HttpProblem(Status status, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    Status status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
