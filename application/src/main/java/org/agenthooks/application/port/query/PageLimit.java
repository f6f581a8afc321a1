package org.agenthooks.application.port.query;

import org.agenthooks.domain.shared.InvalidInputException;

/** How many items a page may hold: 1 to 100, 20 unless asked. */
public record PageLimit(int value) {
    public static final PageLimit DEFAULT = new PageLimit(20);
    public static final int MAX = 100;

    public PageLimit {
        if (value < 1 || value > MAX) {
            throw InvalidInputException.of("limit", "must be a whole number from 1 to 100");
        }
    }
}
