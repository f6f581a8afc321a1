package org.agenthooks.domain.event;

import org.agenthooks.domain.shared.InvalidInputException;

/** The caller's own id of an event: sending the same one again within 24 hours delivers nothing twice. */
public record IdempotencyKey(String value) {
    public IdempotencyKey {
        if (value == null || !value.matches("[\\x21-\\x7e]{1,128}")) {
            throw InvalidInputException.of("id", "must be 1 to 128 printable ASCII characters without spaces");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
