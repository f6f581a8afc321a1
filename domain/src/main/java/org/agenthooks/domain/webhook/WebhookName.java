package org.agenthooks.domain.webhook;

import org.agenthooks.domain.shared.DisplayName;

/** A webhook's display name: a {@link DisplayName}, by the rules every name people read keeps to. */
public record WebhookName(String value) {
    public static final int MAX_LENGTH = DisplayName.MAX_LENGTH;

    public WebhookName {
        new DisplayName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
