package org.agenthooks.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.agenthooks.domain.webhook.PreviousSecret;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.SigningSecrets;
import org.junit.jupiter.api.Test;

class WebhookHeadersTest {
    private static final Secret SECRET = Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signed_headers_carry_the_id_the_whole_seconds_and_the_standard_webhooks_signature() {
        WebhookHeaders headers = WebhookHeaders.signed(
                SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", Instant.ofEpochSecond(1614265330L, 999_000_000), BODY);

        assertThat(headers.asMap())
                .containsOnly(
                        entry("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
                        entry("webhook-timestamp", "1614265330"),
                        entry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }

    @Test
    void another_moment_signs_differently() {
        WebhookHeaders first = WebhookHeaders.signed(SECRET, "msg_1", Instant.ofEpochSecond(1_000), BODY);
        WebhookHeaders later = WebhookHeaders.signed(SECRET, "msg_1", Instant.ofEpochSecond(1_001), BODY);

        assertThat(later.signature()).isNotEqualTo(first.signature());
    }

    @Test
    void during_an_overlap_the_new_secrets_signature_comes_first_then_the_previous_ones() {
        Secret fresh = Secret.of("whsec_dGhlLW5ldy1zZWNyZXQtb2YtdGhpcy13ZWJob29r");
        SigningSecrets secrets =
                new SigningSecrets(fresh, Optional.of(new PreviousSecret(SECRET, Instant.ofEpochSecond(2_000))));

        WebhookHeaders headers = WebhookHeaders.signed(secrets, "msg_1", Instant.ofEpochSecond(1_999), BODY);

        assertThat(headers.signature())
                .isEqualTo(Signer.sign(fresh, "msg_1", 1_999, BODY) + " " + Signer.sign(SECRET, "msg_1", 1_999, BODY));
    }

    @Test
    void once_the_overlap_ends_only_the_new_secret_signs() {
        Secret fresh = Secret.of("whsec_dGhlLW5ldy1zZWNyZXQtb2YtdGhpcy13ZWJob29r");
        SigningSecrets secrets =
                new SigningSecrets(fresh, Optional.of(new PreviousSecret(SECRET, Instant.ofEpochSecond(2_000))));

        WebhookHeaders headers = WebhookHeaders.signed(secrets, "msg_1", Instant.ofEpochSecond(2_000), BODY);

        assertThat(headers.signature()).isEqualTo(Signer.sign(fresh, "msg_1", 2_000, BODY));
    }
}
