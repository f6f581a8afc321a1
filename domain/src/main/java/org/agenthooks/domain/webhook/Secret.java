package org.agenthooks.domain.webhook;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.agenthooks.domain.shared.InvalidInputException;

/**
 * The key a webhook's payloads are signed with. A {@code whsec_} secret is the Standard Webhooks form (base64 of
 * the key bytes); any other secret's key is its own UTF-8 bytes. {@link #toString()} masks the value.
 */
public final class Secret {
    public static final String STANDARD_PREFIX = "whsec_";
    private static final String FIELD = "secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        if (value == null || value.length() < 8 || value.length() > 256) {
            throw InvalidInputException.of(FIELD, "must be 8 to 256 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw InvalidInputException.of(FIELD, "must be printable ASCII characters only");
            }
        }
        if (value.startsWith(STANDARD_PREFIX)) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(value.substring(STANDARD_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of(FIELD, "a 'whsec_' secret must be followed by base64");
            }
            if (key.length < 24 || key.length > 64) {
                throw InvalidInputException.of(FIELD, "a 'whsec_' secret must decode to 24 to 64 bytes");
            }
        }
        return new Secret(value);
    }

    /** A fresh secret: {@code whsec_} and the base64 of 32 random bytes. */
    public static Secret generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new Secret(STANDARD_PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /**
     * The HMAC key bytes: the base64-decoded part of a {@code whsec_} secret (what stock Standard Webhooks verifiers
     * derive), else the secret's own bytes (what those libraries call a raw secret; verify such ones by hand or
     * with the libraries' raw-secret option).
     */
    public byte[] signingKey() {
        if (value.startsWith(STANDARD_PREFIX)) {
            return Base64.getDecoder().decode(value.substring(STANDARD_PREFIX.length()));
        }
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether this is a Standard Webhooks {@code whsec_} secret, rather than a raw one. */
    public boolean isStandard() {
        return value.startsWith(STANDARD_PREFIX);
    }

    /**
     * The HMAC keys a receiver derives by the raw-format trap: for a {@code whsec_} secret its text (whole, or after
     * the prefix) instead of the decoded bytes; for a raw secret its base64 decoding (strict, URL-safe or lenient)
     * instead of its bytes. For the signature doctor, which recognises such mistakes.
     */
    public List<byte[]> mistakenKeys() {
        List<byte[]> keys = new ArrayList<>();
        if (isStandard()) {
            keys.add(value.getBytes(StandardCharsets.US_ASCII));
            keys.add(value.substring(STANDARD_PREFIX.length()).getBytes(StandardCharsets.US_ASCII));
        } else {
            for (Base64.Decoder decoder :
                    List.of(Base64.getDecoder(), Base64.getUrlDecoder(), Base64.getMimeDecoder())) {
                try {
                    byte[] key = decoder.decode(value);
                    if (key.length > 0) {
                        keys.add(key);
                    }
                } catch (IllegalArgumentException notBase64) {
                    // not a mistake this secret allows
                }
            }
        }
        return keys;
    }

    /** The whole secret: only for the responses that create or rotate it, and for sealing it for storage. */
    public String reveal() {
        return value;
    }

    /** Enough to recognise a secret, never enough to use it: the prefix and at most the last 4 characters. */
    public String masked() {
        String prefix = value.startsWith(STANDARD_PREFIX) ? STANDARD_PREFIX : "";
        String tail = value.length() - prefix.length() >= 16 ? value.substring(value.length() - 4) : "";
        return prefix + "****" + tail;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
