package org.agenthooks.adapters.http;

import io.helidon.http.Status;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Refuses JSON whose strings or keys hold a lone UTF-16 surrogate (an escape such as {@code \\ud800} without its pair): such text cannot be stored
 * or sent on as UTF-8 without being changed (it became {@code ?}), and a body is kept exactly as sent or refused.
 */
final class WellFormedText {
    private WellFormedText() {}

    static void require(JsonValue value) {
        switch (value.getValueType()) {
            case STRING -> check(((JsonString) value).getString());
            case ARRAY -> value.asJsonArray().forEach(WellFormedText::require);
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> member : value.asJsonObject().entrySet()) {
                    check(member.getKey());
                    require(member.getValue());
                }
            }
            default -> {
                // numbers, true, false and null hold no text
            }
        }
    }

    private static void check(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new HttpProblem(
                        Status.BAD_REQUEST_400,
                        "The request body holds a lone UTF-16 surrogate (such as \\ud800), which is not text;"
                                + " send each surrogate escape with its pair.");
            }
        }
    }
}
