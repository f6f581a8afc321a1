package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.agent;
import static org.agenthooks.application.testing.Fixtures.assertNotFound;
import static org.agenthooks.application.testing.Fixtures.assertRejected;
import static org.agenthooks.application.testing.Fixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.agenthooks.application.fakes.InMemoryAgentRepository;
import org.agenthooks.application.fakes.InMemoryWebhookRepository;
import org.agenthooks.application.port.in.RotateWebhookSecretCommand;
import org.agenthooks.application.testing.Fixtures;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.webhook.PreviousSecret;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RotateWebhookSecretServiceTest {
    private static final Instant LATER = START.plus(Duration.ofMinutes(5));

    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    private final TestClock clock = new TestClock(START);
    private final RotateWebhookSecretService service = new RotateWebhookSecretService(webhooks, clock);
    private Webhook original;

    @BeforeEach
    void a_webhook_was_registered_a_while_ago() {
        agents.add(agent(AGENT, WORKSPACE));
        original =
                new RegisterWebhookService(webhooks, agents, Fixtures.ANY_DESTINATION, clock).register(registration());
        clock.advance(Duration.ofMinutes(5));
    }

    @Test
    void a_given_secret_becomes_current_and_the_old_one_signs_until_the_grace_period_ends() {
        Secret given = Secret.of("my-next-signing-secret");

        Webhook rotated = service.rotateSecret(
                new RotateWebhookSecretCommand(WORKSPACE, original.id(), Optional.of(given), Duration.ofHours(2)));

        assertThat(rotated.secret()).isEqualTo(given);
        assertThat(rotated.previousSecret()).contains(new PreviousSecret(original.secret(), LATER.plusSeconds(7200)));
        assertThat(webhooks.find(WORKSPACE, original.id())).contains(rotated);
    }

    @Test
    void without_a_secret_a_fresh_whsec_secret_is_generated() {
        Webhook rotated = service.rotateSecret(new RotateWebhookSecretCommand(
                WORKSPACE, original.id(), Optional.empty(), RotateWebhookSecretCommand.DEFAULT_GRACE_PERIOD));

        assertThat(rotated.secret().reveal()).startsWith("whsec_");
        assertThat(rotated.secret()).isNotEqualTo(original.secret());
        assertThat(rotated.previousSecret().orElseThrow().expiresAt()).isEqualTo(LATER.plus(Duration.ofHours(24)));
    }

    @Test
    void another_workspaces_webhook_is_not_found_like_a_random_id() {
        assertNotFound(
                "webhook",
                original.id().value(),
                () -> service.rotateSecret(new RotateWebhookSecretCommand(
                        OTHER_WORKSPACE, original.id(), Optional.empty(), Duration.ZERO)));
        WebhookId random = WebhookId.random();
        assertNotFound(
                "webhook",
                random.value(),
                () -> service.rotateSecret(
                        new RotateWebhookSecretCommand(WORKSPACE, random, Optional.empty(), Duration.ZERO)));
        assertThat(webhooks.find(WORKSPACE, original.id())).contains(original);
    }

    @Test
    void a_grace_period_over_seven_days_or_negative_is_refused_naming_the_field() {
        assertRejected(
                "gracePeriodSeconds",
                () -> new RotateWebhookSecretCommand(
                        WORKSPACE,
                        original.id(),
                        Optional.empty(),
                        Duration.ofDays(7).plusSeconds(1)));
        assertRejected(
                "gracePeriodSeconds",
                () -> new RotateWebhookSecretCommand(
                        WORKSPACE, original.id(), Optional.empty(), Duration.ofSeconds(-1)));
        assertThat(new RotateWebhookSecretCommand(WORKSPACE, original.id(), Optional.empty(), Duration.ofDays(7))
                        .gracePeriod())
                .isEqualTo(Duration.ofDays(7));
    }
}
