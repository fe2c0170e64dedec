import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth-context.js';
import { writeAudit } from '../../platform/audit.js';
import { sm3 } from '../../platform/crypto.js';
import type { Deps } from '../../platform/deps.js';
import { Forbidden } from '../../platform/errors.js';
import type { App } from '../../platform/http.js';
import { findSession, type GrantView, type UserRow } from './auth.repo.js';
import { sessionState } from './auth.rules.js';
import { loadSettings } from './auth.settings.js';
import { sessions } from './auth.tables.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user's row and grants as loaded by the session hook (auth module only). */
    auth: { user: UserRow; grants: GrantView[] } | null;
  }
}

export const SESSION_COOKIE = 'bm_session';
export const CSRF_COOKIE = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Requests that start a new session replace whatever session the browser had, so they need no CSRF token. */
const SESSION_STARTERS = new Set(['/api/auth/login', '/api/auth/register']);
/** last_seen_at is written at most this often per session, to keep reads cheap. */
const TOUCH_EVERY_MS = 60_000;

export function setSessionCookies(reply: FastifyReply, deps: Deps, token: string, expiresAt: Date): void {
  const common = { path: '/', sameSite: 'lax' as const, secure: deps.config.cookieSecure, expires: expiresAt };
  reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  // Double-submit token bound to the session: the SPA reads it and echoes it in x-csrf-token.
  reply.setCookie(CSRF_COOKIE, deps.crypto.mac(token), { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply, deps: Deps): void {
  const common = { path: '/', sameSite: 'lax' as const, secure: deps.config.cookieSecure };
  reply.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  reply.clearCookie(CSRF_COOKIE, common);
}

/**
 * Resolve the session on every request: attach `request.actor`, enforce idle and absolute expiry,
 * and check CSRF on state-changing requests that carry a session.
 */
export function registerSessionHooks(app: App, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('meta', null as never);
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request, reply) => {
    request.actor = null;
    request.auth = null;
    request.meta = { ip: request.ip, userAgent: request.headers['user-agent']?.slice(0, 300), requestId: request.id };
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const resolved = await resolveActor(deps, request, reply, token);
    if (!resolved) return;
    const { actor } = resolved;
    if (!SAFE_METHODS.has(request.method) && !SESSION_STARTERS.has(request.url.split('?')[0])) {
      const header = request.headers[CSRF_HEADER];
      const cookie = request.cookies[CSRF_COOKIE];
      const ok = typeof header === 'string' && header === cookie && deps.crypto.macEquals(token, header);
      if (!ok) {
        await deps.db.transaction((tx) =>
          writeAudit(tx, actor, request.meta, {
            action: 'auth.csrf_rejected',
            outcome: 'denied',
            details: { method: request.method, url: request.url.split('?')[0] },
          }),
        );
        throw new Forbidden('页面已过期或请求来源不可信，请刷新页面后重试', 'CSRF_INVALID');
      }
    }
    request.actor = actor;
    request.auth = { user: resolved.user, grants: resolved.grants };
  });
}

async function resolveActor(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): Promise<{ actor: Actor; user: UserRow; grants: GrantView[] } | null> {
  const found = await findSession(deps.db, sm3(token));
  if (!found || !found.user.active) {
    clearSessionCookies(reply, deps);
    return null;
  }
  const { session, user, grants } = found;
  const settings = await loadSettings(deps.db, deps);
  const now = new Date();
  const state = sessionState(session, settings.session.idleMinutes, now);
  if (state !== 'valid') {
    clearSessionCookies(reply, deps);
    if (state === 'idle' || state === 'expired') {
      await deps.db.transaction(async (tx) => {
        const updated = await tx
          .update(sessions)
          .set({ revokedAt: now })
          .where(eq(sessions.id, session.id))
          .returning({ id: sessions.id });
        if (updated.length) {
          await writeAudit(tx, null, request.meta, {
            action: 'auth.session_expired',
            outcome: 'success',
            objectType: 'session',
            objectId: session.id,
            actorId: user.id,
            actorName: `${user.displayName}(${user.username})`,
            countyId: user.countyId,
            details: { reason: state === 'idle' ? 'idle_timeout' : 'absolute_lifetime' },
          });
        }
      });
    }
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
  }
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    kind: user.kind as Actor['kind'],
    sessionId: session.id,
    grants: grants.map(({ role, regionId, regionPath, centerId, countyId }) => ({ role, regionId, regionPath, centerId, countyId })),
  };
  return { actor, user, grants };
}
