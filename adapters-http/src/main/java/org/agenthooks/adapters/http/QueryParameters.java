package org.agenthooks.adapters.http;

import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.application.port.query.PageLimit;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.shared.FieldError;
import org.agenthooks.domain.shared.InvalidInputException;

/** Typed query parameters; a malformed one is a field error named after the parameter. */
final class QueryParameters {
    private final ServerRequest req;

    /**
     * The query of {@code req}, which may hold only the {@code known} parameters: a misspelt or unsupported one
     * ({@code limit} on a list that does not page) is a 400, not silently ignored.
     */
    QueryParameters(ServerRequest req, String... known) {
        this.req = req;
        Set<String> allowed = Set.of(known);
        List<FieldError> unknown = req.query().names().stream()
                .filter(name -> !allowed.contains(name))
                .sorted()
                .map(name -> new FieldError(
                        Problems.shorten(name),
                        allowed.isEmpty()
                                ? "is not a query parameter of this route, which takes none"
                                : "is not a query parameter of this route; known: "
                                        + String.join(
                                                ", ", allowed.stream().sorted().toList())))
                .toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown);
        }
    }

    <T> Optional<T> optional(String name, Function<String, T> parse) {
        return req.query().first(name).asOptional().map(parse);
    }

    Optional<Boolean> optionalBoolean(String name) {
        return optional(name, text -> switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw InvalidInputException.of(name, "must be true or false");
        });
    }

    /** An ISO 8601 time with an offset, such as {@code 2026-01-15T09:00:00Z}. */
    Optional<Instant> optionalInstant(String name) {
        return optional(name, text -> {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw InvalidInputException.of(name, "must be a time such as 2026-01-15T09:00:00Z");
            }
        });
    }

    Optional<EventType> optionalEventType(String name) {
        return optional(name, text -> EventType.subscribable(name, text));
    }

    static DeliveryStatus deliveryStatus(String text) {
        return DeliveryStatus.fromWireName(text)
                .orElseThrow(() -> InvalidInputException.of("status", "must be one of: pending, succeeded, failed"));
    }

    PageLimit limit() {
        return optional("limit", text -> {
                    try {
                        return new PageLimit(Integer.parseInt(text));
                    } catch (NumberFormatException e) {
                        throw InvalidInputException.of("limit", "must be a whole number from 1 to 100");
                    }
                })
                .orElse(PageLimit.DEFAULT);
    }

    Optional<PageCursor> cursor() {
        return optional("cursor", text -> ListCursors.decode(req, text));
    }
}
