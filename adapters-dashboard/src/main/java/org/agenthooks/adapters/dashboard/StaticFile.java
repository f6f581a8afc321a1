package org.agenthooks.adapters.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** A file's bytes as served, with its content type and an ETag made from its content. */
record StaticFile(byte[] bytes, String contentType, String etag) {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    /** The resource read from {@code in}, or empty when there is none or its extension is not served. */
    static Optional<StaticFile> read(String name, InputStream in) {
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (in == null || type == null) {
            return Optional.empty();
        }
        try (in) {
            byte[] bytes = in.readAllBytes();
            return Optional.of(new StaticFile(bytes, type, etagOf(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether an {@code If-None-Match} value names this file's current content. */
    boolean matches(Optional<String> ifNoneMatch) {
        return ifNoneMatch
                .map(value -> value.trim().equals("*")
                        || Arrays.stream(value.split(","))
                                .map(String::trim)
                                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag) // weak: same content here
                                .anyMatch(etag::equals))
                .orElse(false);
    }

    private static String etagOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
