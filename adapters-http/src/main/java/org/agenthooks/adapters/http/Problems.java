package org.agenthooks.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.agenthooks.application.port.out.StorageUnavailableException;
import org.agenthooks.domain.delivery.DeliveryInFlightException;
import org.agenthooks.domain.shared.FieldError;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.shared.NotFoundException;

/** The one place where failures become RFC 9457 {@code application/problem+json} responses. */
final class Problems {
    static final HttpMediaType PROBLEM_JSON = HttpMediaType.create("application/problem+json");
    private static final System.Logger LOG = System.getLogger(Problems.class.getName());
    private static final int MAX_ECHOED_ID = 64;
    /** At most this many field errors are listed; the detail says how many more were left out. */
    static final int MAX_LISTED_ERRORS = 20;

    private Problems() {}

    static void register(HttpRouting.Builder routing) {
        routing.error(InvalidInputException.class, (req, res, e) -> send(res, Status.BAD_REQUEST_400, of(e)))
                .error(
                        NotFoundException.class,
                        (req, res, e) -> send(
                                res,
                                Status.NOT_FOUND_404,
                                "Not found",
                                "No " + e.resource() + " '" + shorten(e.id()) + "' in this workspace.",
                                List.of()))
                .error(DeliveryInFlightException.class, (req, res, e) -> {
                    res.header(HeaderNames.RETRY_AFTER, String.valueOf(secondsUntil(e.leaseUntil())));
                    send(
                            res,
                            Status.CONFLICT_409,
                            "Conflict",
                            "An attempt of delivery '" + shorten(e.deliveryId().value())
                                    + "' is under way; try again when it ends.",
                            List.of());
                })
                .error(HttpProblem.class, (req, res, e) -> {
                    e.headers().forEach(res::header);
                    send(res, e.status(), of(e));
                })
                .error(Exception.class, (req, res, e) -> {
                    if (causedByUnavailableStorage(e)) {
                        res.header(HeaderNames.RETRY_AFTER, "5");
                        send(
                                res,
                                Status.SERVICE_UNAVAILABLE_503,
                                "Service Unavailable",
                                "The service cannot reach its database right now (down, restarting or"
                                        + " overloaded); nothing was changed. Retry shortly.",
                                List.of());
                        return;
                    }
                    LOG.log(
                            System.Logger.Level.ERROR,
                            "Unexpected failure on " + req.prologue().method() + " "
                                    + req.prologue().uriPath().path(),
                            e);
                    send(
                            res,
                            Status.INTERNAL_SERVER_ERROR_500,
                            "Internal Server Error",
                            "Something went wrong on our side; nothing was changed by this request.",
                            List.of());
                });
    }

    /** Whole seconds from now until {@code instant}, rounded up, at least 1. */
    private static long secondsUntil(Instant instant) {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private static boolean causedByUnavailableStorage(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageUnavailableException) {
                return true;
            }
        }
        return false;
    }

    /** Answers any request that no route took. */
    static void noSuchRoute(ServerRequest req, ServerResponse res) {
        send(
                res,
                Status.NOT_FOUND_404,
                "Not found",
                "There is no such resource: " + shorten(req.prologue().uriPath().path()),
                List.of());
    }

    /** A handler for a known path called with a method it does not have. */
    static Handler methodNotAllowed(String allowed) {
        return (req, res) -> {
            res.header(HeaderNames.ALLOW, allowed);
            send(
                    res,
                    Status.METHOD_NOT_ALLOWED_405,
                    "Method Not Allowed",
                    req.prologue().method().text() + " is not allowed here; allowed: " + allowed + ".",
                    List.of());
        };
    }

    static void send(ServerResponse res, Status status, String title, String detail, List<FieldError> errors) {
        send(res, status, body(status, title, detail, errors));
    }

    private static void send(ServerResponse res, Status status, JsonObject problem) {
        res.status(status);
        res.headers().contentType(PROBLEM_JSON);
        res.send(problem.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The problem that {@code e} is answered with, as the body of a whole answer or one item of a batch's. */
    static JsonObject of(InvalidInputException e) {
        return body(Status.BAD_REQUEST_400, "Invalid request", "The request has invalid fields.", e.errors());
    }

    /** The problem that {@code e} is answered with, as one item of a batch's answer. */
    static JsonObject of(HttpProblem e) {
        return body(e.status(), e.status().reasonPhrase(), e.getMessage(), List.of());
    }

    private static JsonObject body(Status status, String title, String detail, List<FieldError> errors) {
        int leftOut = Math.max(0, errors.size() - MAX_LISTED_ERRORS);
        JsonObjectBuilder body = JsonFactory.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status.code())
                .add(
                        "detail",
                        leftOut == 0
                                ? detail
                                : detail + " The first " + MAX_LISTED_ERRORS + " are listed; " + leftOut
                                        + " more were left out.");
        if (!errors.isEmpty()) {
            JsonArrayBuilder list = JsonFactory.createArrayBuilder();
            errors.stream()
                    .limit(MAX_LISTED_ERRORS)
                    .forEach(error -> list.add(JsonFactory.createObjectBuilder()
                            .add("field", error.field())
                            .add("message", error.message())));
            body.add("errors", list);
        }
        return body.build();
    }

    static String shorten(String text) {
        return text.length() <= MAX_ECHOED_ID ? text : text.substring(0, MAX_ECHOED_ID) + "...";
    }
}
