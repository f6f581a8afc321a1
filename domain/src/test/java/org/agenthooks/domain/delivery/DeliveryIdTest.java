package org.agenthooks.domain.delivery;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryIdTest {

    @Test
    void dlv_and_22_letters_or_digits_is_a_delivery_id() {
        assertThat(new DeliveryId("dlv_0123456789abcdefABCDEF")).hasToString("dlv_0123456789abcdefABCDEF");
        assertThat(DeliveryId.isWellFormed("dlv_0123456789abcdefABCDEF")).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "dlv_",
                "dlv_0123456789abcdefABCDE",
                "dlv_0123456789abcdefABCDEFG",
                "DLV_0123456789abcdefABCDEF",
                "evt_0123456789abcdefABCDEF",
                "dlv_0123456789abcdef-BCDEF",
                "0123456789abcdefABCDEFGHIJ"
            })
    void anything_else_is_rejected_as_delivery_id(String value) {
        assertThat(DeliveryId.isWellFormed(value)).isFalse();
        assertThat(rejected("deliveryId", () -> new DeliveryId(value))).contains("'dlv_'");
    }

    @Test
    void random_delivery_ids_are_well_formed_and_differ() {
        DeliveryId one = DeliveryId.random();

        assertThat(one.value()).matches("dlv_[0-9A-Za-z]{22}");
        assertThat(one).isNotEqualTo(DeliveryId.random());
    }
}
