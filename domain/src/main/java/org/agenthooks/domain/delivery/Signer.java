package org.agenthooks.domain.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.agenthooks.domain.webhook.Secret;

/**
 * Signs a payload as the Standard Webhooks specification says: {@code v1,} and the base64 of
 * HMAC-SHA256(key, id + "." + timestamp + "." + body).
 */
public final class Signer {
    private static final String HMAC = "HmacSHA256";
    /**
     * Cloned for each signature: {@code Mac.getInstance} searches the providers and instantiates reflectively,
     * which stood out in profiles of the throughput bench; a clone copies an object.
     */
    private static final Mac PROTOTYPE = newMac();

    private Signer() {}

    public static String sign(Secret secret, String messageId, long timestampSeconds, byte[] body) {
        return signWithKey(secret.signingKey(), messageId, timestampSeconds, body);
    }

    /** The same with raw HMAC key bytes: what a receiver that derived the key from a secret wrongly computes. */
    public static String signWithKey(byte[] key, String messageId, long timestampSeconds, byte[] body) {
        Mac mac = mac(key);
        mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = (Mac) PROTOTYPE.clone();
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (CloneNotSupportedException | InvalidKeyException impossible) {
            throw new IllegalStateException("the JDK's " + HMAC + " is cloneable and takes any key", impossible);
        }
    }

    private static Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            // Fixes the provider: a Mac that has not chosen one yet cannot be cloned.
            mac.init(new SecretKeySpec(new byte[32], HMAC));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("every JDK has " + HMAC, impossible);
        }
    }
}
