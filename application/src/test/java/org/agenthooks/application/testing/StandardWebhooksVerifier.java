package org.agenthooks.application.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.agenthooks.application.port.out.OutboundRequest;

/**
 * Test helper: the receiver's side of Standard Webhooks, written from the specification with javax.crypto and
 * without the production {@code Signer}: {@code v1,} + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)),
 * where a {@code whsec_} secret's key is the base64-decoded rest and any other secret's key is its bytes.
 */
public final class StandardWebhooksVerifier {
    private StandardWebhooksVerifier() {}

    public static String expectedSignature(String secret, OutboundRequest request) {
        byte[] key = secret.startsWith("whsec_")
                ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
                : secret.getBytes(StandardCharsets.UTF_8);
        String signedContent = request.headers().get("webhook-id") + "."
                + request.headers().get("webhook-timestamp") + "." + new String(request.body(), StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return "v1,"
                    + Base64.getEncoder().encodeToString(mac.doFinal(signedContent.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
