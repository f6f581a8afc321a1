package org.agenthooks.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.agenthooks.domain.webhook.PreviousSecret;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.SigningSecrets;
import org.junit.jupiter.api.Test;

/** Each diagnosis, from a receiver written here with javax.crypto (not the Signer) making one mistake on purpose. */
class SignatureDoctorTest {
    private static final String STANDARD = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String RAW_THAT_IS_ALSO_BASE64 = "c2lnbmluZy1zZWNyZXQtb2YtdGhlLWRvY3M";
    private static final String ID = "evt_0000000000000000000001";
    private static final long SENT_AT = 1_780_000_000L;
    private static final byte[] BODY = "{\"id\":\"evt_0000000000000000000001\",\"data\":{\"text\":\"grüße\",\"n\":1}}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void a_receiver_doing_everything_right_is_told_valid() {
        String computed = hmac(decodedStandardKey(STANDARD), BODY);

        SignatureFinding finding = examine(STANDARD, BODY, Optional.of(computed), Optional.of(sentAt()));

        assertThat(finding.diagnosis()).isEqualTo(SignatureDiagnosis.VALID);
        assertThat(finding.valid()).isTrue();
    }

    @Test
    void the_whsec_secret_used_as_text_is_secret_encoding() {
        String computed = hmac(STANDARD.getBytes(StandardCharsets.UTF_8), BODY);

        assertThat(examine(STANDARD, BODY, Optional.of(computed), Optional.empty())
                        .diagnosis())
                .isEqualTo(SignatureDiagnosis.SECRET_ENCODING);
    }

    @Test
    void a_raw_secret_base64_decoded_as_the_libraries_do_is_secret_encoding() {
        String computed = hmac(Base64.getUrlDecoder().decode(RAW_THAT_IS_ALSO_BASE64), BODY);

        SignatureFinding finding = examine(RAW_THAT_IS_ALSO_BASE64, BODY, Optional.of(computed), Optional.empty());

        assertThat(finding.diagnosis()).isEqualTo(SignatureDiagnosis.SECRET_ENCODING);
        assertThat(finding.message()).contains("raw secret").doesNotContain(RAW_THAT_IS_ALSO_BASE64);
    }

    @Test
    void a_pretty_printed_body_is_body_modified_and_named_as_whitespace() {
        byte[] reserialised = new String(BODY, StandardCharsets.UTF_8)
                .replace(":", ": ")
                .replace(",", ", ")
                .getBytes(StandardCharsets.UTF_8);
        String computed = hmac(decodedStandardKey(STANDARD), reserialised);

        SignatureFinding finding = examine(STANDARD, reserialised, Optional.of(computed), Optional.empty());

        assertThat(finding.diagnosis()).isEqualTo(SignatureDiagnosis.BODY_MODIFIED);
        assertThat(finding.message()).contains("whitespace");
    }

    @Test
    void unicode_escaped_and_reordered_bodies_are_body_modified_too() {
        byte[] escaped = new String(BODY, StandardCharsets.UTF_8)
                .replace("ü", "\\u00fc")
                .replace("ß", "\\u00df")
                .getBytes(StandardCharsets.UTF_8);
        byte[] reordered = "{\"data\":{\"n\":1,\"text\":\"grüße\"},\"id\":\"evt_0000000000000000000001\"}"
                .getBytes(StandardCharsets.UTF_8);

        SignatureFinding escapes = examine(STANDARD, escaped, Optional.empty(), Optional.empty());
        SignatureFinding order = examine(STANDARD, reordered, Optional.empty(), Optional.empty());

        assertThat(escapes.diagnosis()).isEqualTo(SignatureDiagnosis.BODY_MODIFIED);
        assertThat(escapes.message()).contains("escapes");
        assertThat(order.diagnosis()).isEqualTo(SignatureDiagnosis.BODY_MODIFIED);
        assertThat(order.message()).contains("order");
    }

    @Test
    void a_receiver_clock_six_minutes_ahead_is_timestamp_skew() {
        String computed = hmac(decodedStandardKey(STANDARD), BODY);

        SignatureFinding finding =
                examine(STANDARD, BODY, Optional.of(computed), Optional.of(sentAt().plusSeconds(360)));

        assertThat(finding.diagnosis()).isEqualTo(SignatureDiagnosis.TIMESTAMP_SKEW);
        assertThat(finding.message()).contains("360 seconds ahead");
    }

    @Test
    void a_clock_within_five_minutes_is_no_skew() {
        String computed = hmac(decodedStandardKey(STANDARD), BODY);

        assertThat(examine(STANDARD, BODY, Optional.of(computed), Optional.of(sentAt().minusSeconds(300)))
                        .diagnosis())
                .isEqualTo(SignatureDiagnosis.VALID);
    }

    @Test
    void an_absurd_timestamp_is_skew_not_an_overflow() {
        String header = hmacAt(Long.MIN_VALUE, decodedStandardKey(STANDARD), BODY);
        ReceiverReport report =
                new ReceiverReport(ID, Long.MIN_VALUE, header, BODY, Optional.empty(), Optional.of(sentAt()));

        assertThat(SignatureDoctor.examine(report, Optional.of(BODY), SigningSecrets.of(Secret.of(STANDARD)))
                        .diagnosis())
                .isEqualTo(SignatureDiagnosis.TIMESTAMP_SKEW);
    }

    @Test
    void verifying_with_the_secret_a_rotation_replaced_is_previous_secret_even_after_the_overlap() {
        String old = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        SigningSecrets rotated = new SigningSecrets(
                Secret.of(STANDARD), Optional.of(new PreviousSecret(Secret.of(old), sentAt().minusSeconds(3600))));
        String computed = hmac(decodedStandardKey(old), BODY);

        SignatureFinding finding = SignatureDoctor.examine(
                report(BODY, Optional.of(computed), Optional.empty()), Optional.of(BODY), rotated);

        assertThat(finding.diagnosis()).isEqualTo(SignatureDiagnosis.PREVIOUS_SECRET);
    }

    @Test
    void a_delivery_this_webhook_never_had_is_unknown_delivery() {
        SignatureFinding finding = SignatureDoctor.examine(
                report(BODY, Optional.empty(), Optional.empty()),
                Optional.empty(),
                SigningSecrets.of(Secret.of(STANDARD)));

        assertThat(finding.diagnosis()).isEqualTo(SignatureDiagnosis.UNKNOWN_DELIVERY);
    }

    @Test
    void another_secret_altogether_is_wrong_secret_and_the_message_never_shows_the_secret() {
        String computed = hmac("someone-elses-secret".getBytes(StandardCharsets.UTF_8), BODY);

        SignatureFinding finding = examine(STANDARD, BODY, Optional.of(computed), Optional.empty());

        assertThat(finding.diagnosis()).isEqualTo(SignatureDiagnosis.WRONG_SECRET);
        assertThat(finding.message()).doesNotContain("MfKQ9r8G").doesNotContain("LaSw");
    }

    @Test
    void without_a_computed_signature_the_header_is_checked_and_a_forged_one_is_wrong_secret() {
        SignatureFinding finding = SignatureDoctor.examine(
                new ReceiverReport(ID, SENT_AT, "v1,AAAA", BODY, Optional.empty(), Optional.empty()),
                Optional.of(BODY),
                SigningSecrets.of(Secret.of(STANDARD)));

        assertThat(finding.diagnosis()).isEqualTo(SignatureDiagnosis.WRONG_SECRET);
    }

    private static SignatureFinding examine(
            String secret, byte[] verifiedBody, Optional<String> computed, Optional<Instant> receiverTime) {
        return SignatureDoctor.examine(
                report(verifiedBody, computed, receiverTime), Optional.of(BODY), SigningSecrets.of(Secret.of(secret)));
    }

    private static ReceiverReport report(
            byte[] verifiedBody, Optional<String> computed, Optional<Instant> receiverTime) {
        String header = hmac(decodedStandardKey(STANDARD), BODY);
        return new ReceiverReport(ID, SENT_AT, header, verifiedBody, computed, receiverTime);
    }

    private static Instant sentAt() {
        return Instant.ofEpochSecond(SENT_AT);
    }

    private static byte[] decodedStandardKey(String secret) {
        return Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    private static String hmac(byte[] key, byte[] body) {
        return hmacAt(SENT_AT, key, body);
    }

    private static String hmacAt(long timestamp, byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((ID + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
