package org.agenthooks.domain.webhook;

import org.agenthooks.domain.shared.Base62;
import org.agenthooks.domain.shared.InvalidInputException;

/** Identifies a webhook: {@code wh_} and 16 base62 characters. */
public record WebhookId(String value) {
    private static final String PREFIX = "wh_";
    private static final int LENGTH = 16;

    public WebhookId {
        if (!isWellFormed(value)) {
            throw InvalidInputException.of("webhookId", "must be 'wh_' followed by 16 letters or digits");
        }
    }

    public static boolean isWellFormed(String value) {
        return Base62.isPrefixed(value, PREFIX, LENGTH);
    }

    public static WebhookId random() {
        return new WebhookId(PREFIX + Base62.random(LENGTH));
    }

    @Override
    public String toString() {
        return value;
    }
}
