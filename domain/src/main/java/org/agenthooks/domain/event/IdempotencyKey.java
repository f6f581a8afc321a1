package org.agenthooks.domain.event;

import java.util.regex.Pattern;
import org.agenthooks.domain.shared.InvalidInputException;

/** The caller's own id of an event: sending the same one again within 24 hours delivers nothing twice. */
public record IdempotencyKey(String value) {
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]{1,128}");

    public IdempotencyKey {
        if (value == null || !PRINTABLE_ASCII.matcher(value).matches()) {
            throw InvalidInputException.of("id", "must be 1 to 128 printable ASCII characters without spaces");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
