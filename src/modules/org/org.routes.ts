import type { Deps } from '../../platform/deps.js';
import type { App } from '../../platform/http.js';

export async function orgRoutes(_app: App, _deps: Deps): Promise<void> {}
