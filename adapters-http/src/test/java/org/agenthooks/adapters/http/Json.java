package org.agenthooks.adapters.http;

import jakarta.json.JsonObject;
import java.io.StringReader;

/** Test helper: parses a response body. */
final class Json {
    private Json() {}

    static JsonObject parse(String body) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
