// Screen: an agent's Agent Settings, with the tabs General and Webhooks. The Webhooks tab lists the agent's
// webhooks with their Active switch, last delivery and 24-hour success share, and the actions on each.
import {
  deleteWebhook, getAgent, listDeliveries, listWebhooks, rotateSecret, sendTestEvent, updateWebhook, webhookStats,
} from './api.js';
import {
  breadcrumb, confirmDialog, errorMessage, go, h, heading, hiddenText, loadScreen, replace, secretOnce, statusBadge,
  successShare, takeNotice, time,
} from './dom.js';

const TABS = [['general', 'General'], ['webhooks', 'Webhooks']];
let focusTabNext = false; // set when a tab was chosen, so the new screen puts focus back on the tab

export async function render(view, agentId, tab) {
  const agentPath = `#/agents/${encodeURIComponent(agentId)}`;
  const agent = await loadScreen(view, 'Agent Settings', () => getAgent(agentId));
  if (!agent) {
    return;
  }
  const tabs = TABS.map(([id, label]) => h('button', {
    type: 'button', role: 'tab', id: `tab-${id}`, 'aria-selected': String(id === tab),
    'aria-controls': `panel-${id}`, tabindex: id === tab ? '0' : '-1',
    onclick: () => choose(id),
  }, label));
  const choose = (id) => {
    focusTabNext = true;
    go(id === 'webhooks' ? `${agentPath}/webhooks` : agentPath);
  };
  const tablist = h('div', { role: 'tablist', 'aria-label': 'Agent Settings', class: 'tabs' }, tabs);
  tablist.addEventListener('keydown', (event) => { // arrow keys move between tabs, as in every tab widget
    const index = TABS.findIndex(([id]) => id === tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      choose(TABS[(next + TABS.length) % TABS.length][0]);
    }
  });
  const panels = TABS.map(([id]) => h('div', {
    role: 'tabpanel', id: `panel-${id}`, 'aria-labelledby': `tab-${id}`, hidden: id !== tab, class: 'panel',
  }));
  replace(view.main,
    breadcrumb(['Agents', '#/agents'], [agent.name, agentPath]),
    heading(`Agent Settings: ${agent.name}`),
    takeNotice(),
    tablist, panels);
  if (focusTabNext) {
    focusTabNext = false;
    view.focus = tabs[TABS.findIndex(([id]) => id === tab)];
  }
  if (tab === 'general') {
    replace(panels[0], general(agent));
  } else {
    await webhooksPanel(view, panels[1], agent);
  }
}

function general(agent) {
  return h('dl', { class: 'details' },
    h('dt', {}, 'Name'), h('dd', {}, agent.name),
    h('dt', {}, 'Agent id'), h('dd', {}, h('code', {}, agent.agentId)),
    h('dt', {}, 'Workspace'), h('dd', {}, h('code', {}, agent.workspaceId)),
    h('dt', {}, 'Created'), h('dd', {}, time(agent.createdAt)));
}

async function webhooksPanel(view, panel, agent) {
  const messages = h('div', { class: 'messages', tabindex: '-1' });
  const say = (...nodes) => replace(messages, h('p', { class: 'notice', role: 'status' }, nodes));
  const fail = (error) => replace(messages, errorMessage(error));
  const addButton = h('button', {
    type: 'button', class: 'primary',
    onclick: () => go(`#/agents/${encodeURIComponent(agent.agentId)}/webhooks/new`),
  }, 'Add webhook');
  const body = h('tbody');
  const table = h('table', { class: 'data' },
    h('caption', {}, `Webhooks of ${agent.name}`),
    h('thead', {}, h('tr', {}, ['Name', 'URL', 'Events', 'Active', 'Last delivery', 'Succeeded (24 h)', 'Actions']
      .map((title) => h('th', { scope: 'col' }, title)))),
    body);
  const more = h('div', { class: 'more' });
  replace(panel, h('div', { class: 'toolbar' }, addButton), messages, h('p', { class: 'muted' }, 'Loading webhooks…'));

  const row = (webhook) => {
    const name = webhook.name;
    const id = encodeURIComponent(webhook.webhookId);
    const lastDelivery = h('td', {}, h('span', { class: 'muted' }, '…'));
    const share = h('td', {}, h('span', { class: 'muted' }, '…'));
    const switchId = `active-${webhook.webhookId}`;
    const activeSwitch = h('input', { type: 'checkbox', role: 'switch', id: switchId, checked: webhook.active });
    let saving = false;
    activeSwitch.addEventListener('change', async () => {
      if (saving) {
        activeSwitch.checked = !activeSwitch.checked;
        return;
      }
      saving = true;
      const wanted = activeSwitch.checked;
      try {
        const changed = await updateWebhook(webhook.webhookId, { active: wanted });
        activeSwitch.checked = changed.active;
        say(`${name} is ${changed.active ? 'active: it receives events again' : 'paused: no events are sent to it'}.`);
      } catch (error) {
        activeSwitch.checked = !wanted;
        fail(error);
      } finally {
        saving = false;
      }
    });
    const sendTest = h('button', { type: 'button', class: 'secondary' }, 'Send test event', hiddenText(` to ${name}`));
    sendTest.addEventListener('click', async () => {
      try {
        const sent = await sendTestEvent(webhook.webhookId);
        say(`Test event sent to ${name}: delivery ${sent.deliveryId} is ${sent.status}. `,
          h('a', { href: `#/webhooks/${id}/deliveries` }, 'See its deliveries'));
      } catch (error) {
        fail(error);
      }
    });
    const rotate = h('button', { type: 'button', class: 'secondary' }, 'Rotate secret', hiddenText(` of ${name}`));
    rotate.addEventListener('click', async () => {
      const confirmed = await confirmDialog({
        title: `Rotate the secret of ${name}?`,
        text: 'A new whsec_ secret is made and shown once. For 24 hours every delivery is signed with both the new and '
          + 'the current secret, so your receiver can switch to the new one without missing a delivery; after that, '
          + 'only the new one signs.',
        confirmLabel: 'Rotate',
      });
      if (!confirmed) {
        return;
      }
      try {
        const rotated = await rotateSecret(webhook.webhookId);
        replace(messages, h('div', { class: 'card notice', role: 'status' },
          secretOnce({
            id: 'rotated-secret',
            label: `New signing secret of ${name}`,
            secret: rotated.secret,
            warning: 'Copy it now and give it to your receiver: it will not be shown again.',
          }),
          h('p', {}, 'The previous secret keeps signing too until ', time(rotated.previousSecretExpiresAt), '.')));
        messages.focus();
      } catch (error) {
        fail(error);
      }
    });
    const remove = h('button', { type: 'button', class: 'danger' }, 'Delete', hiddenText(` ${name}`));
    const tr = h('tr', { 'data-webhook-id': webhook.webhookId },
      h('th', { scope: 'row' }, h('a', { href: `#/webhooks/${id}` }, name)),
      h('td', { class: 'url' }, webhook.url),
      h('td', {}, webhook.events.join(', ')),
      h('td', {}, h('span', { class: 'switch' }, activeSwitch,
        h('label', { for: switchId }, 'Active', hiddenText(`: ${name}`))),
        webhook.disabledReason
          ? h('p', { class: 'hint disabled-reason' }, `Turned off by the service: ${webhook.disabledReason}.`)
          : ''),
      lastDelivery,
      share,
      h('td', { class: 'actions' },
        h('a', { href: `#/webhooks/${id}/edit`, class: 'button secondary' }, 'Edit', hiddenText(` ${name}`)),
        sendTest,
        rotate,
        h('a', { href: `#/webhooks/${id}/deliveries`, class: 'button secondary' }, 'Deliveries',
          hiddenText(` of ${name}`)),
        remove));
    remove.addEventListener('click', async () => {
      const confirmed = await confirmDialog({
        title: `Delete the webhook ${name}?`,
        text: 'Its deliveries are deleted with it, and no more events are sent to its URL. This cannot be undone.',
        confirmLabel: 'Delete',
      });
      if (!confirmed) {
        return;
      }
      try {
        await deleteWebhook(webhook.webhookId);
        tr.remove();
        say(`Deleted the webhook ${name}.`);
        messages.focus();
      } catch (error) {
        fail(error);
      }
    });
    fillActivity(webhook.webhookId, lastDelivery, share);
    return tr;
  };

  const load = async (cursor) => {
    try {
      const page = await listWebhooks(agent.agentId, cursor);
      body.append(...page.data.map(row));
      if (!cursor) {
        replace(panel, h('div', { class: 'toolbar' }, addButton), messages,
          body.childElementCount === 0
            ? h('p', {}, 'This agent has no webhooks yet. Add one to receive its events.')
            : h('div', { class: 'table-scroll' }, table),
          more);
      }
      replace(more, page.nextCursor
        ? h('button', { type: 'button', class: 'secondary', onclick: () => load(page.nextCursor) }, 'Show more webhooks')
        : null);
    } catch (error) {
      if (cursor) {
        fail(error);
      } else {
        replace(panel, errorMessage(error, view.retry));
      }
    }
  };
  await load(undefined);
}

/** Fills in a row's last delivery and success share; a failure there leaves a dash, not a broken table. */
async function fillActivity(webhookId, lastDeliveryCell, shareCell) {
  const [latest, stats] = await Promise.allSettled([listDeliveries(webhookId, { limit: 1 }), webhookStats(webhookId)]);
  if (latest.status === 'fulfilled') {
    const delivery = latest.value.data[0];
    replace(lastDeliveryCell, delivery
      ? [statusBadge(delivery.status), ' ', time(delivery.createdAt)]
      : h('span', { class: 'muted' }, 'none yet'));
  } else {
    replace(lastDeliveryCell, h('span', { class: 'muted' }, '—'));
  }
  replace(shareCell, stats.status === 'fulfilled' ? successShare(stats.value.totals) : h('span', { class: 'muted' }, '—'));
}
