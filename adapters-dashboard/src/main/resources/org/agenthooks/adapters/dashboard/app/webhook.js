// Screen: one webhook: what it is, what to do with it, and how its receiver verifies each delivery.
import { getWebhookWithAgent } from './api.js';
import { breadcrumb, h, heading, loadScreen, replace, takeNotice, time } from './dom.js';
import { replaySection, signatureCheckSection } from './recovery.js';

export async function render(view, webhookId) {
  const loaded = await loadScreen(view, 'Webhook', () => getWebhookWithAgent(webhookId));
  if (!loaded) {
    return;
  }
  const { webhook, agent } = loaded;
  const id = encodeURIComponent(webhook.webhookId);
  const agentPath = `#/agents/${encodeURIComponent(agent.agentId)}`;
  replace(view.main,
    breadcrumb(['Agents', '#/agents'], [agent.name, agentPath], ['Webhooks', `${agentPath}/webhooks`],
      [webhook.name, null]),
    heading(`Webhook ${webhook.name}`),
    takeNotice(),
    h('p', { class: 'actions' },
      h('a', { href: `#/webhooks/${id}/deliveries`, class: 'button primary' }, 'Deliveries'),
      h('a', { href: `#/webhooks/${id}/edit`, class: 'button secondary' }, 'Edit')),
    h('dl', { class: 'details' },
      h('dt', {}, 'Webhook id'), h('dd', {}, h('code', {}, webhook.webhookId)),
      h('dt', {}, 'URL'), h('dd', { class: 'url' }, webhook.url),
      h('dt', {}, 'Events'), h('dd', {}, webhook.events.join(', ')),
      h('dt', {}, 'State'), h('dd', {}, webhook.active ? 'Active' : 'Paused: no events are sent to it'),
      h('dt', {}, 'Secret'), h('dd', {}, h('code', {}, webhook.secret), ' (masked; shown whole only when created)'),
      h('dt', {}, 'Created'), h('dd', {}, time(webhook.createdAt)),
      h('dt', {}, 'Updated'), h('dd', {}, time(webhook.updatedAt))),
    verification(webhook),
    replaySection(webhook),
    signatureCheckSection(webhook));
}

function verification(webhook) {
  const standard = webhook.secret.startsWith('whsec_');
  const row = (name, meaning) => h('tr', {}, h('th', { scope: 'row' }, h('code', {}, name)), h('td', {}, meaning));
  const example = (language, code) => [h('h3', {}, language), h('pre', { class: 'code', tabindex: '0' }, h('code', {}, code))];
  return h('section', { 'aria-labelledby': 'verify-title' },
    h('h2', { id: 'verify-title' }, 'Verifying deliveries'),
    h('p', {}, 'Each delivery is an HTTP POST of the event as JSON, signed as the Standard Webhooks specification says. '
      + 'Verify the signature over the body exactly as received, before parsing it, and reject old timestamps.'),
    h('table', { class: 'data' },
      h('caption', {}, 'Headers of every delivery'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Header'), h('th', { scope: 'col' }, 'Value'))),
      h('tbody', {},
        row('content-type', 'application/json'),
        row('webhook-id', 'The event id (evt_…): the same on every retry, so deduplicate on it.'),
        row('webhook-timestamp', 'When this attempt started, in Unix seconds.'),
        row('webhook-signature', 'v1, then the base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}".'))),
    standard
      ? h('p', {}, 'This webhook\'s secret is a whsec_ secret: the Standard Webhooks libraries take it as it is.')
      : h('p', { class: 'warning' }, 'This webhook\'s secret is not a whsec_ secret, so the libraries must be given the '
        + 'raw secret: its own bytes are the key, as in the examples below.'),
    example('Node (standardwebhooks)', standard
      ? 'import { Webhook } from "standardwebhooks";\n\nconst wh = new Webhook(process.env.WEBHOOK_SECRET);\n'
        + '// body: the raw request body as a string; headers: the request headers\nconst event = wh.verify(body, headers);'
      : 'import { Webhook } from "standardwebhooks";\n\nconst wh = new Webhook(process.env.WEBHOOK_SECRET, { format: "raw" });\n'
        + '// body: the raw request body as a string; headers: the request headers\nconst event = wh.verify(body, headers);'),
    example('Python (standardwebhooks)', standard
      ? 'import os\nfrom standardwebhooks import Webhook\n\nwh = Webhook(os.environ["WEBHOOK_SECRET"])\n'
        + 'event = wh.verify(request_body, request_headers)'
      : 'import os\nfrom standardwebhooks import Webhook\n\n# bytes, not str: the raw secret is the key itself\n'
        + 'wh = Webhook(os.environ["WEBHOOK_SECRET"].encode())\nevent = wh.verify(request_body, request_headers)'),
    example('Java (com.standardwebhooks:standardwebhooks)', standard
      ? 'Webhook webhook = new Webhook(System.getenv("WEBHOOK_SECRET"));\n'
        + '// throws WebhookVerificationException unless signed and recent\nwebhook.verify(body, headers);'
      : 'Webhook webhook = new Webhook(System.getenv("WEBHOOK_SECRET").getBytes(StandardCharsets.UTF_8));\n'
        + '// throws WebhookVerificationException unless signed and recent\nwebhook.verify(body, headers);'));
}
