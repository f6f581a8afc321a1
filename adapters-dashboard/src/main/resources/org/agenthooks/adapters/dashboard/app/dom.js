// Small helpers every screen shares. Data from the API only ever becomes text nodes and attribute values:
// nothing here (or anywhere in the dashboard) assigns innerHTML, so a name like <img onerror=...> stays a name.

/**
 * Creates an element. props: attributes (set with setAttribute), 'class', and on<event> listeners; a value of
 * null, undefined or false leaves the attribute out. children: nodes or strings (strings become text), nested
 * arrays allowed, null skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'value' || name === 'checked') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child !== null && child !== undefined && child !== false) {
      element.append(child); // a string becomes a Text node, never markup
    }
  }
}

/** A screen's top heading; the router moves focus to it so keyboard and screen-reader users start there. */
export const heading = (text) => h('h1', { tabindex: '-1' }, text);

export function breadcrumb(...steps) {
  const items = steps.map(([label, href], i) =>
    h('li', {}, href && i < steps.length - 1 ? h('a', { href }, label) : h('span', { 'aria-current': 'page' }, label)));
  return h('nav', { 'aria-label': 'Breadcrumb', class: 'breadcrumb' }, h('ol', {}, items));
}

/** A delivery status as a word, coloured as well (never by colour alone). */
export const statusBadge = (status) => h('span', { class: `status status-${status}` }, status);

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A timestamp in the user's time zone, with the exact instant in the datetime attribute and the tooltip. */
export function time(iso) {
  if (!iso) {
    return h('span', { class: 'muted' }, '—');
  }
  return h('time', { datetime: iso, title: iso }, dateTime.format(new Date(iso)));
}

/**
 * An error shown where the screen would have been: always a message, with what the user can do about it (sign in
 * again, or try again), never a blank page.
 */
export function errorMessage(error, retry) {
  const actions = [];
  if (error.kind === 'unauthorized') {
    actions.push(h('a', { href: '#/sign-in' }, 'Sign in again'));
  } else if (retry && ['unavailable', 'network', 'other'].includes(error.kind)) {
    actions.push(h('button', { type: 'button', onclick: retry }, 'Try again'));
  }
  return h('div', { class: 'error', role: 'alert' }, h('p', {}, error.message || String(error)), actions);
}

/**
 * Shows the screen's title with "Loading…", then gives what {@code load} resolves to; if it fails, shows why
 * (with Sign in again or Try again) under the title and gives null, so the screen stops there.
 */
export async function loadScreen(view, title, load) {
  replace(view.main, heading(title), h('p', { class: 'muted' }, 'Loading…'));
  try {
    return await load();
  } catch (error) {
    replace(view.main, heading(title), errorMessage(error, view.retry));
    return null;
  }
}

/** A short message for the next screen (e.g. "Saved."), shown once. */
let pendingNotice = null;
export const setNotice = (text) => {
  pendingNotice = text;
};
export function takeNotice() {
  const text = pendingNotice;
  pendingNotice = null;
  return text ? h('p', { class: 'notice', role: 'status' }, text) : null;
}

/** Replaces a container's content with the given nodes. */
export function replace(container, ...nodes) {
  container.replaceChildren();
  append(container, nodes);
}

/** A live region for short confirmations ("Test event sent"). */
export const statusLine = () => h('p', { class: 'status-line', role: 'status' });

/** Goes to a route, showing it again when it is the current one (setting the same hash fires no event). */
export function go(hash) {
  if (location.hash === hash) {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}

/**
 * Asks for confirmation in a modal <dialog>; resolves true only when the confirm button is pressed. Escape and
 * Cancel resolve false. Focus starts on Cancel, the harmless choice.
 */
export function confirmDialog({ title, text, confirmLabel }) {
  return new Promise((resolve) => {
    const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
    const confirm = h('button', { type: 'button', class: 'danger' }, confirmLabel);
    const dialog = h('dialog', { 'aria-labelledby': 'dialog-title', 'aria-describedby': 'dialog-text' },
      h('h2', { id: 'dialog-title' }, title),
      h('p', { id: 'dialog-text' }, text),
      h('div', { class: 'actions' }, cancel, confirm));
    const answer = (confirmed) => {
      dialog.close();
      dialog.remove();
      resolve(confirmed);
    };
    cancel.addEventListener('click', () => answer(false));
    confirm.addEventListener('click', () => answer(true));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      answer(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

/**
 * A secret shown this once: its label, the secret selected for copying with a Copy button, and a warning that it
 * will not be shown again. {@code id} names the input (its warning is {@code <id>-warning}).
 */
export function secretOnce({ id, label, secret, warning }) {
  const input = h('input', {
    id, readonly: true, value: secret, spellcheck: 'false', class: 'secret', 'aria-describedby': `${id}-warning`,
  });
  const copied = h('span', { role: 'status', class: 'muted' });
  const copy = h('button', { type: 'button', class: 'primary' }, 'Copy');
  copy.addEventListener('click', async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(secret);
      copied.textContent = 'Copied.';
    } catch {
      copied.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
    }
  });
  return [
    h('label', { for: id }, label),
    h('div', { class: 'copy-row' }, input, copy, copied),
    h('p', { id: `${id}-warning`, class: 'warning' }, warning),
  ];
}

/** Text for screen readers only, e.g. which webhook an "Edit" in a table row is for. */
export const hiddenText = (text) => h('span', { class: 'visually-hidden' }, text);

/** The share of deliveries that succeeded, from a stats answer's totals. */
export function successShare(totals) {
  const total = totals.pending + totals.succeeded + totals.failed;
  if (total === 0) {
    return 'no deliveries';
  }
  return `${Math.round((100 * totals.succeeded) / total)}% (${totals.succeeded} of ${total})`;
}
