package org.agenthooks.domain.shared;

import java.util.Objects;

/** One rejected input field and why, in words a caller can act on. */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
