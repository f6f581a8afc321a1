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
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.agenthooks.application.fakes.InMemoryAgentRepository;
import org.agenthooks.application.fakes.InMemoryWebhookRepository;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.application.testing.Fixtures;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.webhook.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachingWebhookRepositoryTest {
    private static final int MAX_AGENTS = 3;
    private static final AgentId UNKNOWN = AgentId.random();
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
    private final InMemoryAgentRepository agents = new InMemoryAgentRepository();
    private final CachingWebhookRepository cached =
            new CachingWebhookRepository(counted, agents, Duration.ofSeconds(1), MAX_AGENTS, clock);
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

    @Test
    void agents_that_do_not_exist_are_never_kept() {
        for (int i = 0; i < 100; i++) {
            assertThat(cached.activeFor(WORKSPACE, AgentId.random())).isEmpty();
        }
        assertThat(cached.activeFor(WORKSPACE, UNKNOWN)).isEmpty();
        assertThat(cached.activeFor(WORKSPACE, UNKNOWN)).isEmpty();

        assertThat(cached.size()).isZero();
        assertThat(lookups).hasValue(102);
    }

    @Test
    void an_agent_without_webhooks_is_kept_as_it_exists() {
        assertThat(cached.activeFor(WORKSPACE, AGENT)).isEmpty();
        assertThat(cached.activeFor(WORKSPACE, AGENT)).isEmpty();

        assertThat(lookups).hasValue(1);
    }

    @Test
    void no_more_than_the_maximum_of_agents_are_kept_and_the_oldest_make_way() {
        List<AgentId> known =
                Stream.generate(AgentId::random).limit(MAX_AGENTS + 2).toList();
        known.forEach(id -> agents.add(agent(id, WORKSPACE)));

        known.forEach(id -> cached.activeFor(WORKSPACE, id));
        assertThat(cached.size()).isEqualTo(MAX_AGENTS);

        lookups.set(0);
        cached.activeFor(WORKSPACE, known.getLast());
        assertThat(lookups).as("the newest is kept").hasValue(0);
        cached.activeFor(WORKSPACE, known.getFirst());
        assertThat(lookups).as("the oldest made way").hasValue(1);
    }

    @Test
    void expired_entries_are_removed_not_just_ignored() {
        AgentId other = AgentId.random();
        agents.add(agent(other, WORKSPACE));
        cached.activeFor(WORKSPACE, AGENT);
        assertThat(cached.size()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1001));
        cached.activeFor(WORKSPACE, other);

        assertThat(cached.size()).as("only the fresh entry is left").isEqualTo(1);
    }
}
