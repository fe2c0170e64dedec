import type { Deps } from '../../platform/deps.js';
import type { App } from '../../platform/http.js';

export function registerSessionHooks(app: App, _deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('meta', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = null;
    request.meta = { ip: request.ip, userAgent: request.headers['user-agent'], requestId: request.id };
  });
}
