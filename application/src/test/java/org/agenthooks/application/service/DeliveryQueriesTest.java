package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.GIVEN_SECRET;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACES_AGENT;
import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.fakes.InMemoryDeliveryRepository;
import org.agenthooks.application.fakes.InMemoryEventRepository;
import org.agenthooks.application.fakes.InMemoryTables;
import org.agenthooks.application.fakes.InMemoryWebhookRepository;
import org.agenthooks.application.port.in.DeliveryDetails;
import org.agenthooks.application.port.in.EventDetails;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.application.port.query.ListDeliveriesQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.application.port.query.PageLimit;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.delivery.RetrySchedule;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookDefinition;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryQueriesTest {
    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryTables tables = new InMemoryTables(webhooks);
    private final InMemoryEventRepository events = new InMemoryEventRepository(tables);
    private final InMemoryDeliveryRepository deliveries = new InMemoryDeliveryRepository(tables);
    private final DeliveryQueries queries = new DeliveryQueries(events, deliveries, webhooks);
    private Webhook crm;
    private Webhook billing;
    private Webhook othersWebhook;

    @BeforeEach
    void webhooks_exist() {
        crm = webhook(WORKSPACE, AGENT, "https://crm.example.com/hooks");
        billing = webhook(WORKSPACE, AGENT, "https://billing.example.com/hooks");
        othersWebhook = webhook(OTHER_WORKSPACE, OTHER_WORKSPACES_AGENT, "https://other.example.com/hooks");
    }

    private Webhook webhook(WorkspaceId workspaceId, AgentId agentId, String url) {
        Webhook webhook = Webhook.register(
                workspaceId,
                new WebhookDefinition(
                        new WebhookName("Hook"),
                        new WebhookUrl(url),
                        agentId,
                        GIVEN_SECRET,
                        Subscriptions.of(EventType.CONVERSATION_ENDED),
                        true),
                START);
        webhooks.add(webhook);
        return webhook;
    }

    /** Appends an event at {@code at} with one delivery to each webhook given, and returns those deliveries. */
    private List<Delivery> eventAt(Instant at, Webhook... targets) {
        Webhook first = targets[0];
        AgentEvent event = new AgentEvent(
                EventId.random(),
                first.workspaceId(),
                first.agentId(),
                EventType.CONVERSATION_ENDED,
                Optional.empty(),
                new EventData("{}"),
                at);
        List<Delivery> deliveries = new ArrayList<>();
        for (Webhook target : targets) {
            deliveries.add(Delivery.of(event, target.id(), at));
        }
        events.append(new NewEvent(event, Optional.empty(), at, deliveries, at));
        return deliveries;
    }

    private Delivery deliveryAt(Instant at, Webhook target) {
        return eventAt(at, target).getFirst();
    }

    private Delivery attempted(Delivery delivery, int status, Instant at) {
        AttemptResult result = AttemptResult.answered(status, Optional.empty(), Duration.ofMillis(3), "");
        Delivery next = delivery.after(result, RetrySchedule.STANDARD, at, () -> 0);
        deliveries.recordAttempts(
                List.of(new RecordedAttempt(next, new Attempt(next.id(), next.attempts(), at, result))));
        return next;
    }

    private static ListDeliveriesQuery query(
            Webhook webhook, Optional<DeliveryStatus> status, int limit, Optional<PageCursor> after) {
        return new ListDeliveriesQuery(webhook.workspaceId(), webhook.id(), status, new PageLimit(limit), after);
    }

    private static List<DeliveryId> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::id).toList();
    }

    @Test
    void an_event_is_read_with_its_deliveries_to_every_webhook() {
        List<Delivery> deliveries = eventAt(START, crm, billing);
        EventId eventId = deliveries.getFirst().eventId();

        EventDetails details = queries.get(WORKSPACE, eventId);

        assertThat(details.event().id()).isEqualTo(eventId);
        assertThat(details.event().type()).isEqualTo(EventType.CONVERSATION_ENDED);
        assertThat(details.deliveries())
                .extracting(Delivery::webhookId)
                .containsExactlyInAnyOrder(crm.id(), billing.id());
    }

    @Test
    void an_events_deliveries_show_where_each_stands() {
        List<Delivery> deliveries = eventAt(START, crm, billing);
        attempted(deliveries.get(0), 200, START.plusSeconds(1));
        attempted(deliveries.get(1), 500, START.plusSeconds(1));

        EventDetails details = queries.get(WORKSPACE, deliveries.getFirst().eventId());

        assertThat(details.deliveries())
                .extracting(Delivery::status)
                .containsExactlyInAnyOrder(DeliveryStatus.SUCCEEDED, DeliveryStatus.PENDING);
    }

    @Test
    void an_event_of_another_workspace_is_not_found() {
        EventId othersEvent = deliveryAt(START, othersWebhook).eventId();

        assertNotFound("event", othersEvent.value(), () -> queries.get(WORKSPACE, othersEvent));
        assertThat(queries.get(OTHER_WORKSPACE, othersEvent).deliveries()).hasSize(1);
    }

    @Test
    void an_unknown_event_is_not_found() {
        EventId unknown = EventId.random();

        assertNotFound("event", unknown.value(), () -> queries.get(WORKSPACE, unknown));
    }

    @Test
    void a_webhooks_deliveries_are_listed_newest_first_and_only_its_own() {
        Delivery oldest = deliveryAt(START, crm);
        Delivery middle = deliveryAt(START.plusSeconds(60), crm);
        Delivery newest = deliveryAt(START.plusSeconds(120), crm);
        deliveryAt(START.plusSeconds(90), billing);
        deliveryAt(START.plusSeconds(90), othersWebhook);

        Page<Delivery> page = queries.list(query(crm, Optional.empty(), 20, Optional.empty()));

        assertThat(ids(page.items())).containsExactly(newest.id(), middle.id(), oldest.id());
        assertThat(page.next()).isEmpty();
    }

    @Test
    void deliveries_can_be_filtered_by_status() {
        Delivery succeeded = attempted(deliveryAt(START, crm), 200, START.plusSeconds(1));
        Delivery gone = attempted(deliveryAt(START.plusSeconds(10), crm), 410, START.plusSeconds(11));
        Delivery retrying = attempted(deliveryAt(START.plusSeconds(20), crm), 503, START.plusSeconds(21));
        Delivery fresh = deliveryAt(START.plusSeconds(30), crm);

        assertThat(ids(queries.list(query(crm, Optional.of(DeliveryStatus.SUCCEEDED), 20, Optional.empty()))
                        .items()))
                .containsExactly(succeeded.id());
        assertThat(ids(queries.list(query(crm, Optional.of(DeliveryStatus.FAILED), 20, Optional.empty()))
                        .items()))
                .containsExactly(gone.id());
        assertThat(ids(queries.list(query(crm, Optional.of(DeliveryStatus.PENDING), 20, Optional.empty()))
                        .items()))
                .containsExactly(fresh.id(), retrying.id());
    }

    @Test
    void deliveries_are_paged_without_repeats_or_gaps() {
        List<DeliveryId> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.addFirst(deliveryAt(START.plusSeconds(i), crm).id());
        }

        Page<Delivery> first = queries.list(query(crm, Optional.empty(), 2, Optional.empty()));
        Page<Delivery> second = queries.list(query(crm, Optional.empty(), 2, first.next()));
        Page<Delivery> third = queries.list(query(crm, Optional.empty(), 2, second.next()));

        assertThat(ids(first.items())).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(ids(second.items())).containsExactlyElementsOf(newestFirst.subList(2, 4));
        assertThat(ids(third.items())).containsExactlyElementsOf(newestFirst.subList(4, 5));
        assertThat(first.next()).isPresent();
        assertThat(second.next()).isPresent();
        assertThat(third.next()).isEmpty();
    }

    @Test
    void paging_works_with_a_status_filter_too() {
        for (int i = 0; i < 4; i++) {
            Delivery delivery = deliveryAt(START.plusSeconds(i), crm);
            if (i % 2 == 0) {
                attempted(delivery, 200, START.plusSeconds(i));
            }
        }

        Page<Delivery> first = queries.list(query(crm, Optional.of(DeliveryStatus.SUCCEEDED), 1, Optional.empty()));
        Page<Delivery> second = queries.list(query(crm, Optional.of(DeliveryStatus.SUCCEEDED), 1, first.next()));

        assertThat(first.items()).extracting(Delivery::createdAt).containsExactly(START.plusSeconds(2));
        assertThat(second.items()).extracting(Delivery::createdAt).containsExactly(START);
        assertThat(second.next()).isEmpty();
    }

    @Test
    void listing_deliveries_of_an_unknown_webhook_is_not_found() {
        WebhookId unknown = WebhookId.random();

        assertNotFound(
                "webhook",
                unknown.value(),
                () -> queries.list(new ListDeliveriesQuery(
                        WORKSPACE, unknown, Optional.empty(), PageLimit.DEFAULT, Optional.empty())));
    }

    @Test
    void listing_deliveries_of_another_workspaces_webhook_is_not_found_even_if_it_has_some() {
        deliveryAt(START, othersWebhook);

        assertNotFound(
                "webhook",
                othersWebhook.id().value(),
                () -> queries.list(new ListDeliveriesQuery(
                        WORKSPACE, othersWebhook.id(), Optional.empty(), PageLimit.DEFAULT, Optional.empty())));
    }

    @Test
    void a_delivery_is_read_with_its_attempts_oldest_first() {
        Delivery delivery = deliveryAt(START, crm);
        Delivery once = attempted(delivery, 500, START.plusSeconds(1));
        attempted(once, 200, START.plusSeconds(7));

        DeliveryDetails details = queries.get(WORKSPACE, delivery.id());

        assertThat(details.delivery().status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(details.delivery().attempts()).isEqualTo(2);
        assertThat(details.attempts()).extracting(Attempt::number).containsExactly(1, 2);
        assertThat(details.attempts())
                .extracting(Attempt::startedAt)
                .containsExactly(START.plusSeconds(1), START.plusSeconds(7));
        assertThat(details.attempts())
                .extracting(attempt -> attempt.result().statusCode())
                .containsExactly(Optional.of(500), Optional.of(200));
    }

    @Test
    void a_delivery_not_yet_attempted_has_no_attempts() {
        Delivery delivery = deliveryAt(START, crm);

        assertThat(queries.get(WORKSPACE, delivery.id()).attempts()).isEmpty();
    }

    @Test
    void a_delivery_of_another_workspace_or_an_unknown_one_is_not_found() {
        Delivery othersDelivery = deliveryAt(START, othersWebhook);
        DeliveryId unknown = DeliveryId.random();

        assertNotFound("delivery", othersDelivery.id().value(), () -> queries.get(WORKSPACE, othersDelivery.id()));
        assertNotFound("delivery", unknown.value(), () -> queries.get(WORKSPACE, unknown));
    }
}
