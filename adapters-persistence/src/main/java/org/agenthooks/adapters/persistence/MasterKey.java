package org.agenthooks.adapters.persistence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key that webhook secrets are sealed under. Its {@link #id()} is a fingerprint (the first 4 bytes
 * of the SHA-256 of the key, in hex), recorded with each ciphertext; it tells keys apart and reveals nothing.
 */
public final class MasterKey {
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final String id;

    private MasterKey(byte[] key) {
        this.key = key.clone();
        this.id = fingerprint(key);
    }

    /**
     * The key written as base64 of 32 bytes.
     *
     * @throws IllegalArgumentException if it is not (the message never quotes the text)
     */
    public static MasterKey fromBase64(String text) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not base64 (it must be the base64 of 32 random bytes)");
        }
        if (key.length != BYTES) {
            throw new IllegalArgumentException(
                    "decodes to " + key.length + " bytes; it must be the base64 of 32 random bytes");
        }
        return new MasterKey(key);
    }

    public static MasterKey generate() {
        byte[] key = new byte[BYTES];
        RANDOM.nextBytes(key);
        return new MasterKey(key);
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(key);
    }

    public String id() {
        return id;
    }

    SecretKey aesKey() {
        return new SecretKeySpec(key, "AES");
    }

    private static String fingerprint(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey that && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** The id only: a key never reaches a log. */
    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
