// Screen: one delivery: its state, every attempt (time, status code or error, duration, response excerpt), the
// payload that was sent, and Redeliver. It refreshes itself while the delivery is pending.
import { getDelivery, getEvent, getWebhookWithAgent, redeliver } from './api.js';
import { breadcrumb, errorMessage, h, heading, loadScreen, replace, statusBadge, time } from './dom.js';

const REFRESH_MS = 1500;

export async function render(view, deliveryId) {
  const loaded = await loadScreen(view, `Delivery ${deliveryId}`, async () => {
    const delivery = await getDelivery(deliveryId);
    const [event, { webhook, agent }] = await Promise.all([getEvent(delivery.eventId),
      getWebhookWithAgent(delivery.webhookId)]);
    return { delivery, event, webhook, agent };
  });
  if (!loaded) {
    return;
  }
  const { event, webhook, agent } = loaded;
  let { delivery } = loaded;
  const webhookPath = `#/webhooks/${encodeURIComponent(webhook.webhookId)}`;
  const agentPath = `#/agents/${encodeURIComponent(agent.agentId)}`;
  const state = h('div', { class: 'delivery-state' });
  const attempts = h('div');
  const message = h('p', { class: 'status-line', role: 'status' });
  const button = h('button', { type: 'button', class: 'primary' }, 'Redeliver');
  let timer = null;
  view.signal.addEventListener('abort', () => clearTimeout(timer));

  const draw = () => {
    replace(state, h('dl', { class: 'details' },
      h('dt', {}, 'Status'), h('dd', {}, statusBadge(delivery.status)),
      h('dt', {}, 'Event'), h('dd', {}, delivery.eventType, ' ', h('code', {}, delivery.eventId)),
      h('dt', {}, 'Attempts'), h('dd', {}, String(delivery.attempts)),
      h('dt', {}, 'Last status code'), h('dd', {}, delivery.lastStatusCode === null ? '—' : String(delivery.lastStatusCode)),
      h('dt', {}, 'Created'), h('dd', {}, time(delivery.createdAt)),
      h('dt', {}, 'Updated'), h('dd', {}, time(delivery.updatedAt)),
      h('dt', {}, 'Next attempt'), h('dd', {}, delivery.nextAttemptAt ? time(delivery.nextAttemptAt) : 'none scheduled')));
    replace(attempts, delivery.attemptLog.length === 0
      ? h('p', {}, 'No attempt has been made yet.')
      : h('div', { class: 'table-scroll' }, h('table', { class: 'data' },
        h('caption', { class: 'visually-hidden' }, 'Attempts, oldest first'),
        h('thead', {}, h('tr', {}, ['Attempt', 'Time', 'Result', 'Duration', 'Response excerpt']
          .map((title) => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, delivery.attemptLog.map((attempt) => h('tr', {},
          h('th', { scope: 'row' }, String(attempt.attempt)),
          h('td', {}, time(attempt.startedAt)),
          h('td', {}, attempt.statusCode === null ? `error: ${attempt.error ?? 'unknown'}` : `HTTP ${attempt.statusCode}`),
          h('td', { class: 'number' }, `${attempt.durationMs} ms`),
          h('td', {}, attempt.responseBody === ''
            ? h('span', { class: 'muted' }, '(empty)')
            : h('pre', { class: 'excerpt' }, attempt.responseBody))))))));
    clearTimeout(timer);
    if (delivery.status === 'pending') {
      timer = setTimeout(refresh, REFRESH_MS);
    }
  };
  const refresh = async () => {
    try {
      delivery = await getDelivery(deliveryId);
    } catch (error) {
      replace(message, errorMessage(error, refresh));
      return;
    }
    if (!view.signal.aborted) {
      draw();
    }
  };
  button.addEventListener('click', async () => {
    try {
      const requeued = await redeliver(deliveryId);
      message.textContent = `Redelivery started: the delivery is ${requeued.status} again and is tried now.`;
      await refresh();
    } catch (error) {
      replace(message, errorMessage(error));
    }
  });

  const { deliveries: ignored, ...payload } = event; // the event as it was sent, without the delivery list
  void ignored;
  replace(view.main,
    breadcrumb(['Agents', '#/agents'], [agent.name, agentPath], ['Webhooks', `${agentPath}/webhooks`],
      [webhook.name, webhookPath], ['Deliveries', `${webhookPath}/deliveries`], [deliveryId, null]),
    heading(`Delivery ${deliveryId}`),
    state,
    h('p', { class: 'actions' }, button),
    message,
    h('section', { 'aria-labelledby': 'attempts-title' }, h('h2', { id: 'attempts-title' }, 'Attempts'), attempts),
    h('section', { 'aria-labelledby': 'payload-title' },
      h('h2', { id: 'payload-title' }, 'Payload sent'),
      h('p', { class: 'muted' }, 'The event body every attempt sends and signs (shown indented here).'),
      h('pre', { class: 'code', tabindex: '0' }, h('code', {}, JSON.stringify(payload, null, 2)))));
  draw();
}
