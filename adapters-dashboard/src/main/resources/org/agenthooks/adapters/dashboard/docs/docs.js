// The API reference: Swagger UI showing /openapi. "Try it out" goes to the server that served this page, and
// when the dashboard is signed in (in this tab) its key is already filled in under "Authorize".
import { openApiDocument, session } from '/dashboard/api.js';

const root = document.getElementById('swagger-ui');
try {
  const spec = await openApiDocument();
  spec.servers = [{ url: window.location.origin, description: 'This server' }];
  root.replaceChildren();
  const ui = window.SwaggerUIBundle({
    spec,
    domNode: root,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    deepLinking: false,
    validatorUrl: null,
    persistAuthorization: false,
  });
  labelServerChoice(root);
  const key = session.key();
  if (key) {
    ui.preauthorizeApiKey('ApiKey', key);
  }
} catch (error) {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `The API reference could not be loaded: ${error.message}`;
  root.replaceChildren(message);
}

/** Swagger UI's server <select> has a caption but no label; name it, and again whenever it is drawn anew. */
function labelServerChoice(root) {
  const label = () => {
    const servers = root.querySelector('select#servers');
    if (servers && !servers.hasAttribute('aria-label')) {
      servers.setAttribute('aria-label', 'Servers');
    }
  };
  new MutationObserver(label).observe(root, { childList: true, subtree: true });
  label();
}
