package org.agenthooks.domain.event;

import java.util.regex.Pattern;
import org.agenthooks.domain.shared.InvalidInputException;

/** The caller's id of one conversation, carried into payloads so receivers can tie its events together. */
public record ConversationId(String value) {
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    public ConversationId {
        if (value == null || !WELL_FORMED.matcher(value).matches()) {
            throw InvalidInputException.of("conversationId", "must be 1 to 128 letters, digits, '_', '-', '.' or ':'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
