// The webhook page's recovery tools: replay a window of events after a receiver's outage, and the signature doctor
// for a receiver whose signature check fails. Both call the public API through api.js; answers are text only.
import { checkSignature, replayWebhook } from './api.js';
import { errorMessage, h, replace } from './dom.js';

const HOUR_MS = 3600 * 1000;

/** The Replay section: a window (prefilled with the last 24 hours), only-failed, and the Replay action. */
export function replaySection(webhook) {
  const now = Date.now();
  const since = h('input', { id: 'replay-since', type: 'text', autocomplete: 'off', spellcheck: 'false',
    value: new Date(now - 24 * HOUR_MS).toISOString(), 'aria-describedby': 'replay-window-hint' });
  const until = h('input', { id: 'replay-until', type: 'text', autocomplete: 'off', spellcheck: 'false',
    value: new Date(now + 60 * 1000).toISOString(), 'aria-describedby': 'replay-window-hint' });
  const onlyFailed = h('input', { id: 'replay-failed', type: 'checkbox', checked: true });
  const result = h('div', { class: 'messages', tabindex: '-1' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Replay');
  const form = h('form', { class: 'card', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'replay-since' }, 'From'), since),
    h('div', { class: 'field' }, h('label', { for: 'replay-until' }, 'Until'), until),
    h('p', { id: 'replay-window-hint', class: 'hint' },
      'Times in ISO 8601 with a zone, such as 2026-01-15T12:00:00Z. Events older than the retention period are gone.'),
    h('div', { class: 'check' }, onlyFailed, h('label', { for: 'replay-failed' }, 'Only events whose delivery failed')),
    h('div', { class: 'actions' }, submit),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(result);
    const window = { since: since.value.trim(), until: until.value.trim() };
    if (onlyFailed.checked) {
      window.status = 'failed';
    }
    submit.disabled = true;
    try {
      const answer = await replayWebhook(webhook.webhookId, window);
      const more = answer.nextCursor ? ' More remain in this window: replay again from the last one sent.' : '';
      replace(result, h('p', { role: 'status' },
        `Replayed ${answer.replayed} ${answer.replayed === 1 ? 'event' : 'events'}: each is sent again with its `
        + `original webhook-id.${more}`));
    } catch (error) {
      replace(result, errorMessage(error));
      result.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { 'aria-labelledby': 'replay-title' },
    h('h2', { id: 'replay-title' }, 'Replay'),
    h('p', {}, 'Was the receiver down? Send it again every event of a time window, as new deliveries with the '
      + 'same webhook-id as before, so it can drop the ones it already has. A receiver can also pull the events '
      + 'itself: GET /v1/webhooks/{webhookId}/events.'),
    form);
}

/** The "check my signature" form: what the receiver saw and computed, and the doctor's diagnosis in words. */
export function signatureCheckSection(webhook) {
  const field = (id, label, input, hint) => h('div', { class: 'field' },
    h('label', { for: id }, label), input, hint ? h('p', { id: `${id}-hint`, class: 'hint' }, hint) : null);
  const text = (id, hint) => h('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': hint ? `${id}-hint` : '' });
  const id = text('check-id');
  const timestamp = text('check-timestamp');
  const signature = text('check-signature');
  const body = h('textarea', { id: 'check-body', rows: '6', spellcheck: 'false', 'aria-describedby': 'check-body-hint' });
  const computed = text('check-computed', true);
  const result = h('div', { class: 'messages', tabindex: '-1' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Check signature');
  const form = h('form', { class: 'card', novalidate: true },
    field('check-id', 'webhook-id', id),
    field('check-timestamp', 'webhook-timestamp', timestamp),
    field('check-signature', 'webhook-signature', signature),
    field('check-body', 'Body', body, 'Exactly the body your code verified, as it verified it.'),
    field('check-computed', 'Your computed signature', computed,
      'Optional: what your code produced (v1,…). With it, the doctor can tell how the key was derived.'),
    h('div', { class: 'actions' }, submit),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(result);
    const report = {
      headers: { 'webhook-id': id.value.trim(), 'webhook-timestamp': timestamp.value.trim(),
        'webhook-signature': signature.value.trim() },
      body: body.value,
    };
    if (computed.value.trim() !== '') {
      report.computedSignature = computed.value.trim();
    }
    submit.disabled = true;
    try {
      const answer = await checkSignature(webhook.webhookId, report);
      replace(result, h('div', { class: answer.valid ? 'notice' : 'error', role: 'status' },
        h('p', {}, h('strong', {}, answer.valid ? 'Valid' : 'Not valid'), ` (${answer.diagnosis})`),
        h('p', {}, answer.message)));
    } catch (error) {
      replace(result, errorMessage(error));
      result.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { 'aria-labelledby': 'check-title' },
    h('h2', { id: 'check-title' }, 'Check my signature'),
    h('p', {}, 'Does your receiver reject a delivery of this webhook? Paste what it received and, if you have it, '
      + 'what it computed: the service tells you what is wrong. It never shows the secret.'),
    form);
}
