package org.agenthooks.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.agenthooks.domain.webhook.Secret;
import org.junit.jupiter.api.Test;

class SignerTest {

    /**
     * The vector the Standard Webhooks reference libraries test their signing with (e.g.
     * standard-webhooks/standard-webhooks, libraries/java/src/test/java/com/standardwebhooks/WebhookTest.java,
     * {@code verifyWebhookSignWorks}).
     */
    @Test
    void it_reproduces_the_standard_webhooks_test_vector() {
        Secret secret = Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

        String signature = Signer.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body);

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_raw_secret_signs_with_its_own_bytes_as_an_independent_hmac_computes() throws Exception {
        String raw = "my-raw-secret-123";
        String id = "msg_2Lx9QfA7";
        long timestamp = 1_740_823_200L;
        byte[] body = "{\"type\":\"conversation_ended\",\"agent\":\"D5D0p7TUs66TTAEAx\",\"text\":\"grüße ✓\"}"
                .getBytes(StandardCharsets.UTF_8);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(raw.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signedContent = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signedContent));

        assertThat(Signer.sign(Secret.of(raw), id, timestamp, body)).isEqualTo(expected);
    }

    @Test
    void a_signature_is_v1_and_the_base64_of_32_bytes() {
        String signature = Signer.sign(Secret.generate(), "msg_1", 1L, new byte[0]);

        assertThat(signature).startsWith("v1,");
        assertThat(Base64.getDecoder().decode(signature.substring(3))).hasSize(32);
    }

    @Test
    void the_message_id_the_timestamp_and_the_body_are_all_signed() {
        Secret secret = Secret.of("my-raw-secret-123");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String original = Signer.sign(secret, "msg_1", 1000L, body);

        assertThat(Signer.sign(secret, "msg_1", 1000L, body)).isEqualTo(original);
        assertThat(Signer.sign(secret, "msg_2", 1000L, body)).isNotEqualTo(original);
        assertThat(Signer.sign(secret, "msg_1", 1001L, body)).isNotEqualTo(original);
        assertThat(Signer.sign(secret, "msg_1", 1000L, "{ }".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(original);
        assertThat(Signer.sign(Secret.of("my-raw-secret-124"), "msg_1", 1000L, body))
                .isNotEqualTo(original);
    }

    @Test
    void the_parts_are_joined_with_dots_so_they_cannot_slide_into_each_other() {
        Secret secret = Secret.of("my-raw-secret-123");

        assertThat(Signer.sign(secret, "msg_1", 23L, "{}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(Signer.sign(secret, "msg_12", 3L, "{}".getBytes(StandardCharsets.UTF_8)));
    }
}
