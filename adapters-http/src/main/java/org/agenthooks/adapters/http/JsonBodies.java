package org.agenthooks.adapters.http;

import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a request body as one JSON object and nothing else: JSON content type, at most the configured size, strict
 * UTF-8, no duplicate keys, no data after the object, no text that cannot be kept exactly as sent (a lone UTF-16
 * surrogate). Anything else is refused with the matching problem.
 */
final class JsonBodies {
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of(
            JsonConfig.KEY_STRATEGY,
            JsonConfig.KeyStrategy.NONE,
            // the parser, unlike the reader, keeps to the key strategy only through Parsson's own switch
            "org.eclipse.parsson.rejectDuplicateKeys",
            true));

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
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) { // Parsson throws here on anything but the end of the text
                throw new HttpProblem(Status.BAD_REQUEST_400, "The request body has data after its JSON value.");
            }
        } catch (HttpProblem e) {
            throw e;
        } catch (JsonException e) {
            throw new HttpProblem(
                    Status.BAD_REQUEST_400,
                    "The request body is not valid JSON: " + Problems.shorten(String.valueOf(e.getMessage())));
        } catch (RuntimeException | StackOverflowError e) {
            // Parsson reports its nesting limit (1,000) as a bare RuntimeException.
            throw new HttpProblem(
                    Status.BAD_REQUEST_400, "The request body is not valid JSON or is nested too deeply.");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new HttpProblem(Status.BAD_REQUEST_400, "The request body must be a JSON object.");
        }
        WellFormedText.require(value);
        return value.asJsonObject();
    }

    private static void requireJsonContentType(ServerRequest req) {
        HttpMediaType type = contentType(req)
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

    /** The request's media type; empty when it has none, or one Helidon cannot parse (such as an empty value). */
    private static Optional<HttpMediaType> contentType(ServerRequest req) {
        try {
            return req.headers().contentType();
        } catch (RuntimeException unparsable) {
            return Optional.empty();
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
            RequestReadDeadline.disarm();
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (HttpProblem e) {
            throw e;
        } catch (IOException | RuntimeException unreadable) {
            // A malformed chunk, a body shorter than its length, a client gone: the client's fault, and what is
            // left of the connection cannot be trusted, so it is closed after the answer.
            throw new HttpProblem(
                    Status.BAD_REQUEST_400,
                    "The request body could not be read: it is malformed or ended early.",
                    Map.of("Connection", "close"));
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
