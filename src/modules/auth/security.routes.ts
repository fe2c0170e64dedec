import type { Deps } from '../../platform/deps.js';
import type { App } from '../../platform/http.js';

export async function securityRoutes(_app: App, _deps: Deps): Promise<void> {}
