package org.agenthooks.domain.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.agenthooks.domain.webhook.PreviousSecret;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.SigningSecrets;

/**
 * Diagnoses a receiver's failing signature check from what it saw and computed, by recomputing the signature with
 * the webhook's secrets and with the keys the common mistakes derive from them. It checks, in this order: that the
 * delivery is one of this webhook's, that the body is the bytes sent, which key the receiver's signature was made
 * with, and the receiver's clock. Its messages never contain a secret or any part of one.
 */
public final class SignatureDoctor {
    /** What Standard Webhooks verifiers accept between the timestamp and their clock, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private SignatureDoctor() {}

    /**
     * @param sentBody the body this webhook was sent under the report's {@code webhook-id}; empty if none was
     * @param secrets the webhook's secrets; a previous secret counts however long ago its overlap ended
     */
    public static SignatureFinding examine(ReceiverReport report, Optional<byte[]> sentBody, SigningSecrets secrets) {
        if (sentBody.isEmpty()) {
            return finding(
                    SignatureDiagnosis.UNKNOWN_DELIVERY,
                    "No delivery of this webhook has webhook-id " + report.messageId() + ". Check that you read the"
                            + " webhook-id header (not a field of the body), and that the request came to the URL of"
                            + " this webhook: another webhook, or a sender other than this service, signs differently.");
        }
        byte[] body = report.body();
        if (!Arrays.equals(body, sentBody.get())) {
            return finding(SignatureDiagnosis.BODY_MODIFIED, BodyDifference.describe(sentBody.get(), body));
        }
        Optional<SignatureFinding> keyProblem =
                report.computedSignature().isPresent() ? keyOfComputed(report, secrets) : keyOfHeader(report, secrets);
        if (keyProblem.isPresent()) {
            return keyProblem.get();
        }
        if (report.receiverTime().isPresent()) {
            long skew = skewSeconds(report.receiverTime().get().getEpochSecond(), report.timestampSeconds());
            if (Math.abs(skew) > TOLERANCE.toSeconds()) {
                return finding(
                        SignatureDiagnosis.TIMESTAMP_SKEW,
                        "The signature is right, but your clock is " + Math.abs(skew) + " seconds "
                                + (skew > 0 ? "ahead of" : "behind") + " webhook-timestamp, more than the "
                                + TOLERANCE.toSeconds() + " seconds a verifier tolerates. Synchronise your clock"
                                + " (NTP), and verify a request when it arrives, not later from a queue.");
            }
        }
        return finding(
                SignatureDiagnosis.VALID,
                "This body, these headers and the webhook's current secret give a valid signature. If your check"
                        + " still fails, compare the whole signature string, and try each space-separated entry of"
                        + " webhook-signature.");
    }

    /** The receiver's clock minus the timestamp, saturated rather than overflowing for absurd timestamps. */
    private static long skewSeconds(long receiverSeconds, long timestampSeconds) {
        try {
            return Math.max(Math.subtractExact(receiverSeconds, timestampSeconds), -Long.MAX_VALUE);
        } catch (ArithmeticException overflow) {
            return receiverSeconds > timestampSeconds ? Long.MAX_VALUE : -Long.MAX_VALUE;
        }
    }

    /** Which key the receiver's own signature was made with, if not the current secret's. */
    private static Optional<SignatureFinding> keyOfComputed(ReceiverReport report, SigningSecrets secrets) {
        String computed = withoutVersion(report.computedSignature().get());
        if (signedWith(report, secrets.current().signingKey(), computed)) {
            return Optional.empty();
        }
        Optional<Secret> previous = secrets.previous().map(PreviousSecret::secret);
        if (previous.isPresent() && signedWith(report, previous.get().signingKey(), computed)) {
            return Optional.of(previousSecret());
        }
        if (secrets.current().mistakenKeys().stream().anyMatch(key -> signedWith(report, key, computed))) {
            return Optional.of(finding(
                    SignatureDiagnosis.SECRET_ENCODING,
                    secrets.current().isStandard()
                            ? "Your key is the secret's text, but for a secret starting with whsec_ the HMAC key is"
                                    + " the base64-decoded part after whsec_. Standard Webhooks libraries do that when"
                                    + " given the whole whsec_ secret."
                            : "Your key is this secret base64-decoded, but it is a raw secret: its HMAC key is its"
                                    + " own UTF-8 bytes. Standard Webhooks libraries decode any secret they are"
                                    + " given; use their raw-secret option, or compute the HMAC with the secret's"
                                    + " bytes yourself."));
        }
        return Optional.of(wrongSecret());
    }

    /** With no signature of the receiver's: whether the header's signatures are the current or a previous secret's. */
    private static Optional<SignatureFinding> keyOfHeader(ReceiverReport report, SigningSecrets secrets) {
        List<String> signatures = Arrays.stream(report.signatureHeader().trim().split(" +"))
                .map(SignatureDoctor::withoutVersion)
                .toList();
        if (signatures.stream()
                .anyMatch(s -> signedWith(report, secrets.current().signingKey(), s))) {
            return Optional.empty();
        }
        Optional<Secret> previous = secrets.previous().map(PreviousSecret::secret);
        if (previous.isPresent()
                && signatures.stream()
                        .anyMatch(s -> signedWith(report, previous.get().signingKey(), s))) {
            return Optional.of(previousSecret());
        }
        return Optional.of(wrongSecret());
    }

    private static SignatureFinding previousSecret() {
        return finding(
                SignatureDiagnosis.PREVIOUS_SECRET,
                "This was signed with the webhook's previous secret, which a rotation has replaced. Verify with"
                        + " the current secret (shown once by the rotation; rotate again if it is lost), and during"
                        + " a rotation's overlap accept a request when any entry of webhook-signature matches.");
    }

    private static SignatureFinding wrongSecret() {
        return finding(
                SignatureDiagnosis.WRONG_SECRET,
                "The signature matches neither this webhook's secret, nor its previous one, nor the usual"
                        + " mistakes in decoding it. Check that you verify with this webhook's secret (another"
                        + " webhook's differs), that the signed content is webhook-id.webhook-timestamp.body, and"
                        + " that the result is base64 (not hex) of HMAC-SHA256.");
    }

    private static boolean signedWith(ReceiverReport report, byte[] key, String signatureBase64) {
        String expected =
                withoutVersion(Signer.signWithKey(key, report.messageId(), report.timestampSeconds(), report.body()));
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), signatureBase64.getBytes(StandardCharsets.US_ASCII));
    }

    private static String withoutVersion(String signature) {
        String trimmed = signature.trim();
        return trimmed.startsWith("v1,") ? trimmed.substring(3) : trimmed;
    }

    private static SignatureFinding finding(SignatureDiagnosis diagnosis, String message) {
        return new SignatureFinding(diagnosis, message);
    }
}
