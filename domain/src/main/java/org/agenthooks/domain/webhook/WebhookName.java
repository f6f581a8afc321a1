package org.agenthooks.domain.webhook;

import org.agenthooks.domain.shared.InvalidInputException;

/** A webhook's display name: 1 to 100 characters, not only white space. */
public record WebhookName(String value) {
    public static final int MAX_LENGTH = 100;

    public WebhookName {
        if (value == null || value.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            throw InvalidInputException.of("name", "must not be blank");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw InvalidInputException.of("name", "must be at most 100 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
