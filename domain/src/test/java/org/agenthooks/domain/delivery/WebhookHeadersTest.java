package org.agenthooks.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.agenthooks.domain.webhook.Secret;
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
}
