package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.agenthooks.application.port.in.CheckSignatureCommand;
import org.agenthooks.application.testing.Fixtures;
import org.agenthooks.domain.delivery.ReceiverReport;
import org.agenthooks.domain.delivery.SignatureDiagnosis;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventId;
import org.junit.jupiter.api.Test;

class CheckSignatureServiceTest {
    private final RecoveryScenario given = new RecoveryScenario();
    private final CheckSignatureService doctor =
            new CheckSignatureService(given.webhooks, given.events, given.deliveries);
    private final long timestamp = given.clock.instant().getEpochSecond();

    @Test
    void a_receiver_that_verified_the_stored_body_with_the_decoded_secret_is_told_valid() {
        AgentEvent event = given.sent(given.clock.instant(), true);
        byte[] body = event.payload();

        var finding = doctor.check(command(
                event.id().value(), body, Optional.of(sign(body, event.id().value()))));

        assertThat(finding.diagnosis()).isEqualTo(SignatureDiagnosis.VALID);
    }

    @Test
    void an_event_of_another_webhook_or_no_event_at_all_is_unknown_delivery() {
        AgentEvent elsewhere = given.sent(given.clock.instant(), true, given.foreign);

        assertThat(doctor.check(command(elsewhere.id().value(), elsewhere.payload(), Optional.empty()))
                        .diagnosis())
                .isEqualTo(SignatureDiagnosis.UNKNOWN_DELIVERY);
        assertThat(doctor.check(command(EventId.random().value(), new byte[0], Optional.empty()))
                        .diagnosis())
                .isEqualTo(SignatureDiagnosis.UNKNOWN_DELIVERY);
        assertThat(doctor.check(command("msg_not_ours", new byte[0], Optional.empty()))
                        .diagnosis())
                .isEqualTo(SignatureDiagnosis.UNKNOWN_DELIVERY);
    }

    @Test
    void another_workspaces_webhook_is_not_found() {
        assertNotFound(
                "webhook",
                given.foreign.id().value(),
                () -> doctor.check(new CheckSignatureCommand(
                        WORKSPACE,
                        given.foreign.id(),
                        new ReceiverReport(
                                "evt_x", timestamp, "v1,x", new byte[0], Optional.empty(), Optional.empty()))));
    }

    private CheckSignatureCommand command(String messageId, byte[] body, Optional<String> computed) {
        return new CheckSignatureCommand(
                WORKSPACE,
                given.webhook.id(),
                new ReceiverReport(messageId, timestamp, sign(body, messageId), body, computed, Optional.empty()));
    }

    private String sign(byte[] body, String messageId) {
        try {
            String secret = Fixtures.GIVEN_SECRET.reveal();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
