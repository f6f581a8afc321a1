package org.agenthooks.domain.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.agenthooks.domain.shared.Base62;
import org.agenthooks.domain.shared.InvalidInputException;

/**
 * An API key as the caller presents it: {@code key_<public id>.<secret part>}. Only the public id and a hash of
 * the secret part are ever stored; {@link #toString()} never shows the secret part.
 */
public record ApiKeyToken(ApiKeyId id, String secretPart) {
    private static final String PREFIX = "key_";
    private static final int SECRET_LENGTH = 40;

    public ApiKeyToken {
        if (id == null
                || secretPart == null
                || secretPart.length() < 16
                || secretPart.length() > 128
                || !isTokenText(secretPart)) {
            throw InvalidInputException.of("apiKey", "must look like key_<11 letters or digits>.<secret>");
        }
    }

    public static ApiKeyToken issue() {
        return new ApiKeyToken(ApiKeyId.random(), Base62.random(SECRET_LENGTH));
    }

    /** Reads a presented key; empty when it is not of the key shape at all. */
    public static Optional<ApiKeyToken> parse(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dot = presented.indexOf('.');
        if (dot != PREFIX.length() + ApiKeyId.LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ApiKeyToken(
                    new ApiKeyId(presented.substring(PREFIX.length(), dot)), presented.substring(dot + 1)));
        } catch (InvalidInputException notAKey) {
            return Optional.empty();
        }
    }

    /** The full key text, to be shown to its owner exactly once. */
    public String reveal() {
        return PREFIX + id.value() + "." + secretPart;
    }

    public byte[] secretHash() {
        return sha256(secretPart);
    }

    /** Constant-time comparison of this key's secret part against a stored hash. */
    public boolean matches(byte[] storedHash) {
        return MessageDigest.isEqual(secretHash(), storedHash);
    }

    @Override
    public String toString() {
        return PREFIX + id.value() + ".****";
    }

    private static boolean isTokenText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
