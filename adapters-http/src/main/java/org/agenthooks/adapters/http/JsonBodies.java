package org.agenthooks.adapters.http;

import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request body as one JSON object: JSON content type, at most the configured size, strict UTF-8, no
 * duplicate keys. Anything else is refused with the matching problem.
 */
final class JsonBodies {
    private static final JsonReaderFactory READERS =
            Json.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private final long maxBytes;

    JsonBodies(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    JsonObject readObject(ServerRequest req) {
        requireJsonContentType(req);
        String text = decodeUtf8(readBytes(req));
        if (text.isBlank()) {
            throw new HttpProblem(Status.BAD_REQUEST_400, "The request body is empty; send a JSON object.");
        }
        JsonValue value;
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new HttpProblem(
                    Status.BAD_REQUEST_400,
                    "The request body is not valid JSON: " + Problems.shorten(String.valueOf(e.getMessage())));
        } catch (RuntimeException | StackOverflowError e) {
            // Parsson reports its nesting limit (1,000) as a bare RuntimeException.
            throw new HttpProblem(
                    Status.BAD_REQUEST_400, "The request body is not valid JSON or is nested too deeply.");
        }
        if (!endsAfterOneValue(text)) {
            throw new HttpProblem(
                    Status.BAD_REQUEST_400, "The request body is not valid JSON: something follows the JSON value.");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new HttpProblem(Status.BAD_REQUEST_400, "The request body must be a JSON object.");
        }
        return value.asJsonObject();
    }

    /** Parsson's reader stops after the first value and ignores the rest, so {@code {...} junk} would pass. */
    private static boolean endsAfterOneValue(String text) {
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            JsonParser.Event first = parser.next();
            if (first == JsonParser.Event.START_OBJECT) {
                parser.skipObject();
            } else if (first == JsonParser.Event.START_ARRAY) {
                parser.skipArray();
            }
            return !parser.hasNext();
        } catch (JsonException | java.util.NoSuchElementException e) {
            return false;
        }
    }

    private static void requireJsonContentType(ServerRequest req) {
        HttpMediaType type = req.headers()
                .contentType()
                .orElseThrow(() -> new HttpProblem(
                        Status.UNSUPPORTED_MEDIA_TYPE_415,
                        "Send the body as JSON with 'Content-Type: application/json'."));
        String subtype = type.mediaType().subtype().toLowerCase(Locale.ROOT);
        boolean json = type.mediaType().type().equalsIgnoreCase("application")
                && (subtype.equals("json") || subtype.endsWith("+json"));
        boolean utf8 =
                type.charset().map(charset -> charset.equalsIgnoreCase("utf-8")).orElse(true);
        if (!json || !utf8) {
            throw new HttpProblem(
                    Status.UNSUPPORTED_MEDIA_TYPE_415,
                    "Content type '" + type.text()
                            + "' is not supported; send 'Content-Type: application/json' (UTF-8).");
        }
    }

    private byte[] readBytes(ServerRequest req) {
        req.headers().contentLength().ifPresent(length -> {
            if (length > maxBytes) {
                throw tooLarge();
            }
        });
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpProblem tooLarge() {
        return new HttpProblem(
                Status.REQUEST_ENTITY_TOO_LARGE_413, "The request body is larger than " + maxBytes + " bytes.");
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new HttpProblem(Status.BAD_REQUEST_400, "The request body is not valid UTF-8.");
        }
    }
}
