package org.agenthooks.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's verification, written from the Standard Webhooks specification independently of the service's
 * Signer: the key is the base64 after {@code whsec_}, the signed content {@code id.timestamp.body}, and any of
 * the space-separated {@code v1,} signatures may match.
 */
final class StandardWebhooksVerifier {
    private StandardWebhooksVerifier() {}

    /**
     * {@code v1,} + base64(HMAC-SHA256(key, id.timestamp.body)) with the given key bytes: what a receiver computes,
     * right or (with a wrongly derived key or a changed body) wrong.
     */
    static String signature(byte[] key, Map<String, String> headers, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((headers.get("webhook-id") + "." + headers.get("webhook-timestamp") + ".")
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key a {@code whsec_} secret stands for, as the specification says: the base64 after the prefix. */
    static byte[] standardKey(String secret) {
        return Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    static boolean verifies(String secret, Map<String, String> headers, byte[] body) {
        try {
            byte[] key = secret.startsWith("whsec_")
                    ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
                    : secret.getBytes(StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] content = (headers.get("webhook-id") + "." + headers.get("webhook-timestamp") + "."
                            + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            byte[] expected = mac.doFinal(content);
            for (String signature : headers.get("webhook-signature").split(" ")) {
                if (signature.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
