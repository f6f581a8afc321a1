package org.agenthooks.domain.webhook;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookIdTest {

    @Test
    void wh_and_16_letters_or_digits_is_a_webhook_id() {
        assertThat(new WebhookId("wh_0123456789abcDEF")).hasToString("wh_0123456789abcDEF");
        assertThat(WebhookId.isWellFormed("wh_0123456789abcDEF")).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "wh_",
                "wh_0123456789abcDE",
                "wh_0123456789abcDEFG",
                "WH_0123456789abcDEF",
                "org_0123456789abcDEF",
                "wh_0123456789abc-EF",
                "wh_0123456789abc_EF",
                "0123456789abcDEF"
            })
    void anything_else_is_rejected_as_webhook_id(String value) {
        assertThat(WebhookId.isWellFormed(value)).isFalse();
        assertThat(rejected("webhookId", () -> new WebhookId(value))).contains("'wh_'");
    }

    @Test
    void random_webhook_ids_are_well_formed_and_differ() {
        WebhookId one = WebhookId.random();

        assertThat(one.value()).matches("wh_[0-9A-Za-z]{16}");
        assertThat(one).isNotEqualTo(WebhookId.random());
    }
}
