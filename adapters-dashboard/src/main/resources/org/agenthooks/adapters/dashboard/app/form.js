// Screen: the webhook form, to add a webhook to an agent or to edit one. The API judges every field; its
// problem+json field errors appear beside their fields, and nothing typed is lost. After adding, the secret is
// shown this once.
import { createWebhook, getAgent, getWebhookWithAgent, listEventTypes, session, updateWebhook } from './api.js';
import { breadcrumb, errorMessage, go, h, heading, loadScreen, replace, secretOnce, setNotice } from './dom.js';

const FIELD_IDS = { name: 'webhook-name', url: 'webhook-url', secret: 'webhook-secret', events: 'webhook-events' };

/** Route #/agents/{agentId}/webhooks/new. */
export async function renderNew(view, agentId) {
  const loaded = await loadScreen(view, 'Add webhook', () => Promise.all([getAgent(agentId), listEventTypes()]));
  if (loaded) {
    const [agent, types] = loaded;
    show(view, { agent, types: types.data, webhook: null });
  }
}

/** Route #/webhooks/{webhookId}/edit. */
export async function renderEdit(view, webhookId) {
  const loaded = await loadScreen(view, 'Edit webhook',
    () => Promise.all([getWebhookWithAgent(webhookId), listEventTypes()]));
  if (loaded) {
    const [{ webhook, agent }, types] = loaded;
    show(view, { agent, types: types.data, webhook });
  }
}

function show(view, { agent, types, webhook }) {
  const editing = webhook !== null;
  const agentPath = `#/agents/${encodeURIComponent(agent.agentId)}`;
  const back = `${agentPath}/webhooks`;
  const title = editing ? `Edit webhook ${webhook.name}` : 'Add webhook';

  const errors = {}; // field -> the <p> that shows its error
  const field = (name, label, input, hint) => {
    const hintId = `${FIELD_IDS[name]}-hint`;
    errors[name] = h('p', { id: `${FIELD_IDS[name]}-error`, class: 'field-error', hidden: true });
    input.setAttribute('aria-describedby', hint ? hintId : '');
    return h('div', { class: 'field' },
      h('label', { for: FIELD_IDS[name] }, label),
      input,
      errors[name],
      hint ? h('p', { id: hintId, class: 'hint' }, hint) : null);
  };
  const nameInput = h('input', { id: FIELD_IDS.name, name: 'name', autocomplete: 'off', value: webhook?.name ?? '' });
  const urlInput = h('input', {
    id: FIELD_IDS.url, name: 'url', type: 'text', inputmode: 'url', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'https://your-server.com/webhooks/ai-agent', value: webhook?.url ?? '',
  });
  const secretInput = h('input', {
    id: FIELD_IDS.secret, name: 'secret', type: 'text', autocomplete: 'off', spellcheck: 'false',
  });
  const secretHint = [
    editing
      ? `Optional: leave it empty to keep the current secret (${webhook.secret}). `
      : 'Optional: leave it empty and the service generates a whsec_ secret, the Standard Webhooks form. ',
    'This is the webhook\'s own signing secret, not your API key: every receiver of this webhook holds its secret, '
      + 'and an API key would give each of them your whole workspace. An API key is refused here.',
  ].join('');

  const subscribed = new Set(webhook?.events ?? []);
  const eventBoxes = types.filter((type) => type.subscribable).map((type) => {
    const id = `event-${type.name}`;
    return h('div', { class: 'check' },
      h('input', {
        type: 'checkbox', id, name: 'events', value: type.name, checked: subscribed.has(type.name),
        'aria-describedby': `${id}-description`,
      }),
      h('label', { for: id }, h('code', {}, type.name)),
      h('span', { id: `${id}-description`, class: 'hint' }, type.description));
  });
  errors.events = h('p', { id: `${FIELD_IDS.events}-error`, class: 'field-error', hidden: true });
  const events = h('fieldset', { id: FIELD_IDS.events, class: 'field' },
    h('legend', {}, 'Events'), errors.events, eventBoxes);

  const summary = h('div', { class: 'messages', tabindex: '-1' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Submit');
  const form = h('form', { class: 'card', novalidate: true },
    summary,
    field('name', 'Webhook Name', nameInput, 'A name you will recognise it by, such as "CRM - production".'),
    field('url', 'URL', urlInput, 'Where the service sends each event, as an HTTP POST of JSON.'),
    field('secret', 'Secret', secretInput, secretHint),
    events,
    h('div', { class: 'actions' }, submit, h('a', { href: back, class: 'button secondary' }, 'Cancel')));

  const inputs = { name: nameInput, url: urlInput, secret: secretInput, events };
  const clearErrors = () => {
    replace(summary);
    for (const [name, element] of Object.entries(errors)) {
      element.hidden = true;
      element.textContent = '';
      inputs[name].removeAttribute('aria-invalid');
      const describedBy = (inputs[name].getAttribute('aria-describedby') || '').split(' ')
        .filter((id) => id && id !== element.id);
      inputs[name].setAttribute('aria-describedby', describedBy.join(' '));
    }
  };
  const showErrors = (fieldErrors, message) => {
    const unplaced = [];
    for (const { field: name, message: text } of fieldErrors) {
      const label = { name: 'Webhook Name', url: 'URL', secret: 'Secret', events: 'Events' }[name];
      if (!label) {
        unplaced.push(`${name}: ${text}`);
        continue;
      }
      const element = errors[name];
      element.textContent = element.textContent ? `${element.textContent} ${text}` : `${label}: ${text}`;
      element.hidden = false;
      if (name !== 'events') { // a fieldset takes no aria-invalid; its error is tied to it by aria-describedby
        inputs[name].setAttribute('aria-invalid', 'true');
      }
      const describedBy = (inputs[name].getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      if (!describedBy.includes(element.id)) {
        inputs[name].setAttribute('aria-describedby', [element.id, ...describedBy].join(' '));
      }
    }
    const listed = fieldErrors.map(({ field: name, message: text }) => h('li', {}, `${name}: ${text}`));
    replace(summary, h('div', { class: 'error', role: 'alert' },
      h('p', {}, message), listed.length ? h('ul', {}, listed) : null));
    const first = fieldErrors.map(({ field: name }) => inputs[name]).find(Boolean);
    (first === events ? events.querySelector('input') : first)?.focus();
    if (!first || unplaced.length === fieldErrors.length) {
      summary.focus();
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const secret = secretInput.value;
    if (looksLikeApiKey(secret)) {
      showErrors([{ field: 'secret', message: 'is an API key; give the webhook a secret of its own, or leave it empty.' }],
        'The webhook was not saved: fix the field marked below.');
      return;
    }
    const definition = {
      name: nameInput.value,
      url: urlInput.value.trim(),
      events: [...form.querySelectorAll('input[name="events"]:checked')].map((box) => box.value),
    };
    if (secret !== '') {
      definition.secret = secret;
    }
    submit.disabled = true;
    try {
      if (editing) {
        await updateWebhook(webhook.webhookId, definition);
        setNotice(`Saved the webhook ${definition.name}.`);
        go(back);
      } else {
        const created = await createWebhook({ ...definition, agentId: agent.agentId });
        showSecret(view, created, agent);
      }
    } catch (error) {
      if (error.kind === 'invalid') {
        showErrors(error.fieldErrors, 'The webhook was not saved: fix the fields marked below.');
      } else {
        replace(summary, errorMessage(error));
        summary.focus();
      }
    } finally {
      submit.disabled = false;
    }
  });

  replace(view.main,
    breadcrumb(['Agents', '#/agents'], [agent.name, agentPath], ['Webhooks', back], [title, null]),
    heading(title),
    form);
  view.focus = nameInput;
}

/** API keys look like key_<11 letters or digits>.<secret>; the one in use is refused whatever its shape. */
function looksLikeApiKey(value) {
  const text = value.trim();
  return text !== '' && (text === session.key() || /^key_[A-Za-z0-9]{11}\./.test(text));
}

function showSecret(view, webhook, agent) {
  const back = `#/agents/${encodeURIComponent(agent.agentId)}/webhooks`;
  replace(view.main,
    breadcrumb(['Agents', '#/agents'], [agent.name, `#/agents/${encodeURIComponent(agent.agentId)}`],
      ['Webhooks', back], ['Webhook created', null]),
    heading(`Webhook ${webhook.name} created`),
    h('div', { class: 'card' }, secretOnce({
      id: 'new-secret',
      label: 'Signing secret',
      secret: webhook.secret,
      warning: 'Copy it now and keep it with your receiver: it will not be shown again. Receivers use it to verify each delivery.',
    })),
    h('p', { class: 'actions' },
      h('a', { href: back, class: 'button primary' }, 'Back to webhooks'),
      h('a', { href: `#/webhooks/${encodeURIComponent(webhook.webhookId)}`, class: 'button secondary' },
        'How to verify deliveries')));
  view.main.querySelector('h1').focus();
}
