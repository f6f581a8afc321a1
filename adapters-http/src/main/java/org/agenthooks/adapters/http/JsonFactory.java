package org.agenthooks.adapters.http;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.InputStream;

/**
 * JSON builders from one provider looked up once. The static {@code jakarta.json.Json} factories look the
 * provider up through {@code ServiceLoader} on every call, reading the jar each time, which stood out in profiles
 * of {@code GET /v1/webhooks/{id}}.
 */
final class JsonFactory {
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonFactory() {}

    static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    static JsonObjectBuilder createObjectBuilder(JsonObject start) {
        return PROVIDER.createObjectBuilder(start);
    }

    static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    static JsonString createValue(String value) {
        return PROVIDER.createValue(value);
    }

    static JsonNumber createValue(int value) {
        return PROVIDER.createValue(value);
    }

    static JsonReader createReader(InputStream in) {
        return PROVIDER.createReader(in);
    }
}
