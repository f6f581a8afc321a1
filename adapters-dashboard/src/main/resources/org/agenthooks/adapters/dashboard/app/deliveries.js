// Screen: a webhook's deliveries: the last 24 hours as a chart, then the deliveries newest first, filtered by
// status and paged. It refreshes itself every few seconds while a delivery it shows is pending.
import { getWebhookWithAgent, listDeliveries, webhookStats } from './api.js';
import { deliveriesChart } from './chart.js';
import { breadcrumb, errorMessage, go, h, heading, loadScreen, replace, statusBadge, time } from './dom.js';

const REFRESH_MS = 2000;
const STATUSES = ['pending', 'succeeded', 'failed'];
let focusFilterNext = false;

export async function render(view, webhookId, status = '') {
  const loaded = await loadScreen(view, 'Deliveries', () => getWebhookWithAgent(webhookId));
  if (!loaded) {
    return;
  }
  const { webhook, agent } = loaded;
  const id = encodeURIComponent(webhook.webhookId);
  const agentPath = `#/agents/${encodeURIComponent(agent.agentId)}`;
  const chart = h('div', { class: 'chart-area' });
  const filter = h('select', { id: 'status-filter' },
    h('option', { value: '' }, 'all'),
    STATUSES.map((name) => h('option', { value: name }, name)));
  filter.value = STATUSES.includes(status) ? status : '';
  filter.addEventListener('change', () => {
    focusFilterNext = true;
    go(`#/webhooks/${id}/deliveries${filter.value ? `?status=${filter.value}` : ''}`);
  });
  const list = h('div', { class: 'delivery-list' });
  const pager = h('div', { class: 'pager' });
  const refreshNote = h('p', { class: 'muted' });
  replace(view.main,
    breadcrumb(['Agents', '#/agents'], [agent.name, agentPath], ['Webhooks', `${agentPath}/webhooks`],
      [webhook.name, `#/webhooks/${id}`], ['Deliveries', null]),
    heading(`Deliveries of ${webhook.name}`),
    h('section', { 'aria-labelledby': 'chart-title' }, h('h2', { id: 'chart-title' }, 'Last 24 hours'), chart),
    h('section', { 'aria-labelledby': 'list-title' },
      h('h2', { id: 'list-title' }, 'Recent deliveries'),
      h('div', { class: 'toolbar' }, h('label', { for: 'status-filter' }, 'Status'), filter),
      list, pager, refreshNote));
  if (focusFilterNext) {
    focusFilterNext = false;
    view.focus = filter;
  }

  const cursors = [undefined]; // the cursor of each page shown so far; the last is the current page's
  let removeChart = null;
  let shownStats = '';
  let timer = null;
  view.signal.addEventListener('abort', () => {
    clearTimeout(timer);
    removeChart?.();
  });

  const refresh = async () => {
    clearTimeout(timer);
    const [listed, counted] = await Promise.allSettled([
      listDeliveries(webhook.webhookId, { status: filter.value, cursor: cursors.at(-1) }),
      webhookStats(webhook.webhookId)]);
    if (view.signal.aborted) {
      return;
    }
    if (counted.status === 'rejected') {
      removeChart?.();
      removeChart = null;
      shownStats = '';
      replace(chart, errorMessage(counted.reason, refresh));
    } else if (JSON.stringify(counted.value) !== shownStats) {
      shownStats = JSON.stringify(counted.value);
      removeChart?.();
      removeChart = deliveriesChart(chart, counted.value);
    }
    if (listed.status === 'rejected') {
      replace(list, errorMessage(listed.reason, refresh));
      replace(pager);
      return;
    }
    const page = listed.value;
    showPage(list, page.data);
    replace(pager,
      cursors.length > 1 ? h('button', { type: 'button', class: 'secondary', onclick: () => {
        cursors.pop();
        refresh();
      } }, 'Previous page') : null,
      page.nextCursor ? h('button', { type: 'button', class: 'secondary', onclick: () => {
        cursors.push(page.nextCursor);
        refresh();
      } }, 'Next page') : null);
    const pending = page.data.some((delivery) => delivery.status === 'pending');
    refreshNote.textContent = pending ? 'Some deliveries are pending: this list refreshes itself every 2 seconds.' : '';
    if (pending) {
      timer = setTimeout(refresh, REFRESH_MS);
    }
  };
  await refresh();
}

function showPage(list, deliveries) {
  if (deliveries.length === 0) {
    replace(list, h('p', {}, 'No deliveries to show. Send a test event from the webhook list to see one here.'));
    return;
  }
  // A refresh rebuilds the rows; whoever had focus on a row's link keeps it on the same delivery's link.
  const focused = list.contains(document.activeElement) ? document.activeElement.dataset.deliveryId : null;
  const rows = deliveries.map((delivery) => h('tr', { 'data-delivery-id': delivery.deliveryId },
    h('th', { scope: 'row' }, h('a', {
      href: `#/deliveries/${encodeURIComponent(delivery.deliveryId)}`, 'data-delivery-id': delivery.deliveryId,
    }, h('code', {}, delivery.deliveryId))),
    h('td', {}, statusBadge(delivery.status)),
    h('td', {}, delivery.eventType),
    h('td', { class: 'number' }, String(delivery.attempts)),
    h('td', { class: 'number' }, delivery.lastStatusCode === null ? '—' : String(delivery.lastStatusCode)),
    h('td', {}, time(delivery.createdAt)),
    h('td', {}, time(delivery.nextAttemptAt))));
  replace(list, h('div', { class: 'table-scroll' }, h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden' }, 'Deliveries, newest first'),
    h('thead', {}, h('tr', {}, ['Delivery', 'Status', 'Event', 'Attempts', 'Last status code', 'Created',
      'Next attempt'].map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, rows))));
  if (focused) {
    list.querySelector(`a[data-delivery-id="${CSS.escape(focused)}"]`)?.focus();
  }
}
