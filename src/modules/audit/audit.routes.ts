import type { Deps } from '../../platform/deps.js';
import type { App } from '../../platform/http.js';

export async function auditRoutes(_app: App, _deps: Deps): Promise<void> {}
