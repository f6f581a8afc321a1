package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.agent;
import static org.agenthooks.application.testing.Fixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenthooks.application.fakes.InMemoryAgentRepository;
import org.agenthooks.application.fakes.InMemoryWebhookRepository;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.application.testing.Fixtures;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.webhook.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachedSubscribersTest {
    private final AtomicInteger lookups = new AtomicInteger();
    private final InMemoryWebhookRepository stored = new InMemoryWebhookRepository();
    /** The stored webhooks, counting the subscriber look-ups that reach them. */
    private final WebhookRepository counted = (WebhookRepository) Proxy.newProxyInstance(
            WebhookRepository.class.getClassLoader(),
            new Class<?>[] {WebhookRepository.class},
            (proxy, method, args) -> {
                if (method.getName().equals("activeFor")) {
                    lookups.incrementAndGet();
                }
                try {
                    return method.invoke(stored, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    private final TestClock clock = new TestClock(START);
    private final CachingWebhookRepository cached = new CachingWebhookRepository(counted, Duration.ofSeconds(1), clock);
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    private RegisterWebhookService register;

    @BeforeEach
    void setUp() {
        agents.add(agent(AGENT, WORKSPACE));
        register = new RegisterWebhookService(cached, agents, Fixtures.ANY_DESTINATION, clock);
    }

    @Test
    void a_burst_of_one_agents_events_costs_one_look_up() {
        register.register(registration());
        lookups.set(0);

        for (int i = 0; i < 100; i++) {
            assertThat(cached.activeFor(WORKSPACE, AGENT)).hasSize(1);
        }

        assertThat(lookups).hasValue(1);
    }

    @Test
    void a_webhook_written_through_this_process_is_seen_at_once() {
        assertThat(cached.activeFor(WORKSPACE, AGENT)).isEmpty();

        Webhook webhook = register.register(registration());
        assertThat(cached.activeFor(WORKSPACE, AGENT)).containsExactly(webhook);

        cached.update(webhook.pause(START.plusSeconds(1)));
        assertThat(cached.activeFor(WORKSPACE, AGENT)).isEmpty();
    }

    @Test
    void a_change_made_elsewhere_is_seen_once_the_entry_expires() {
        assertThat(cached.activeFor(WORKSPACE, AGENT)).isEmpty();
        Webhook elsewhere =
                new RegisterWebhookService(stored, agents, Fixtures.ANY_DESTINATION, clock).register(registration());

        assertThat(cached.activeFor(WORKSPACE, AGENT)).isEmpty();
        clock.advance(Duration.ofMillis(1001));
        assertThat(cached.activeFor(WORKSPACE, AGENT)).containsExactly(elsewhere);
    }
}
