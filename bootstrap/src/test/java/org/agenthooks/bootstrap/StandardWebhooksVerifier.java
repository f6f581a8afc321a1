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
