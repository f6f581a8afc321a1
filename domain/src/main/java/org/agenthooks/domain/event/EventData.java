package org.agenthooks.domain.event;

import java.nio.charset.StandardCharsets;
import org.agenthooks.domain.shared.InvalidInputException;

/**
 * The event's {@code data}: a JSON object as compact text. The inbound adapter parses and re-serialises it, so
 * here it is only kept, measured and embedded verbatim in the payload.
 */
public record EventData(String json) {
    public static final int MAX_BYTES = 256 * 1024;

    public EventData {
        if (json == null || !json.startsWith("{") || !json.endsWith("}")) {
            throw InvalidInputException.of("data", "must be a JSON object");
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw InvalidInputException.of("data", "must be at most 256 KiB of JSON");
        }
    }
}
