package org.agenthooks.adapters.http;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.shared.FieldError;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.webhook.Subscriptions;

/**
 * Reads typed fields out of a JSON object, collecting every field error instead of stopping at the first, so
 * a caller learns everything that is wrong with one request. Unknown fields are errors: a typo such as
 * {@code "event"} for {@code "events"} must not be silently dropped.
 */
final class RequestFields {
    private final JsonObject json;
    private final List<FieldError> errors = new ArrayList<>();

    RequestFields(JsonObject json, Set<String> known) {
        this.json = json;
        json.keySet().stream()
                .filter(name -> !known.contains(name))
                .sorted()
                .forEach(name -> errors.add(new FieldError(
                        Problems.shorten(name),
                        "is not a known field; known fields: "
                                + String.join(", ", known.stream().sorted().toList()))));
    }

    boolean has(String name) {
        return json.containsKey(name);
    }

    <T> Optional<T> optionalString(String name, Function<String, T> parse) {
        if (!json.containsKey(name)) {
            return Optional.empty();
        }
        JsonValue value = json.get(name);
        if (!(value instanceof JsonString string)) {
            errors.add(new FieldError(name, "must be a string"));
            return Optional.empty();
        }
        return parsed(() -> parse.apply(string.getString()));
    }

    <T> Optional<T> requiredString(String name, Function<String, T> parse) {
        if (!json.containsKey(name)) {
            errors.add(new FieldError(name, "is required"));
            return Optional.empty();
        }
        return optionalString(name, parse);
    }

    <T> Optional<T> requiredObject(String name, Function<JsonObject, T> parse) {
        if (!json.containsKey(name)) {
            errors.add(new FieldError(name, "is required"));
            return Optional.empty();
        }
        JsonValue value = json.get(name);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            errors.add(new FieldError(name, "must be a JSON object"));
            return Optional.empty();
        }
        return parsed(() -> parse.apply(value.asJsonObject()));
    }

    Optional<JsonArray> requiredArray(String name) {
        if (!json.containsKey(name)) {
            errors.add(new FieldError(name, "is required"));
            return Optional.empty();
        }
        JsonValue value = json.get(name);
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            errors.add(new FieldError(name, "must be a JSON array"));
            return Optional.empty();
        }
        return Optional.of(value.asJsonArray());
    }

    Optional<Boolean> optionalBoolean(String name) {
        if (!json.containsKey(name)) {
            return Optional.empty();
        }
        JsonValue value = json.get(name);
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.of(value == JsonValue.TRUE);
        }
        errors.add(new FieldError(name, "must be true or false"));
        return Optional.empty();
    }

    /** A whole number, written without a fraction or exponent (up to what a {@code long} holds). */
    Optional<Long> optionalWholeNumber(String name) {
        if (!json.containsKey(name)) {
            return Optional.empty();
        }
        if (json.get(name) instanceof JsonNumber number && number.isIntegral()) {
            try {
                return Optional.of(number.bigIntegerValueExact().longValueExact());
            } catch (ArithmeticException tooLarge) {
                // falls through to the error below
            }
        }
        errors.add(new FieldError(name, "must be a whole number"));
        return Optional.empty();
    }

    /** A list of event type names, or one name alone (the public docs' own example sends one string). */
    Optional<Subscriptions> optionalEvents(String name) {
        if (!json.containsKey(name)) {
            return Optional.empty();
        }
        JsonValue value = json.get(name);
        List<JsonValue> items = switch (value.getValueType()) {
            case STRING -> List.of(value);
            case ARRAY -> value.asJsonArray();
            default -> null;
        };
        if (items == null) {
            errors.add(new FieldError(name, "must be a list of event types, e.g. [\"conversation_started\"]"));
            return Optional.empty();
        }
        List<EventType> types = new ArrayList<>();
        for (JsonValue item : items) {
            String text = item instanceof JsonString string ? string.getString() : item.toString();
            try {
                types.add(EventType.subscribable(name, text));
            } catch (InvalidInputException notAType) {
                errors.addAll(notAType.errors());
                return Optional.empty();
            }
        }
        return parsed(() -> Subscriptions.of(types));
    }

    Optional<Subscriptions> requiredEvents(String name) {
        if (!json.containsKey(name)) {
            errors.add(new FieldError(name, "is required; allowed: " + EventType.subscribableNames()));
            return Optional.empty();
        }
        return optionalEvents(name);
    }

    /** Throws every collected error at once, if there are any. */
    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private <T> Optional<T> parsed(java.util.function.Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
            return Optional.empty();
        }
    }
}
