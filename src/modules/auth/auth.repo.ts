import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { ActorGrant } from '../../platform/auth-context.js';
import type { Role } from '../../platform/roles.js';
import { sessions, users } from './auth.tables.js';

export type UserRow = typeof users.$inferSelect;

/** Find a user by username (case-insensitive) or by phone through its keyed index. */
export async function findUserForLogin(tx: Executor, identifier: string, phoneIdx: string): Promise<UserRow | undefined> {
  const rows = await tx
    .select()
    .from(users)
    .where(or(sql`lower(${users.username}) = lower(${identifier})`, eq(users.phoneIdx, phoneIdx)))
    .limit(2);
  // A username match wins over a phone match.
  return rows.find((u) => u.username.toLowerCase() === identifier.toLowerCase()) ?? rows[0];
}

export async function findUserForUpdate(tx: Executor, id: string): Promise<UserRow | undefined> {
  const rows = await tx.select().from(users).where(eq(users.id, id)).for('update');
  return rows[0];
}

export interface GrantView extends ActorGrant {
  id: string;
  scopeName: string | null;
  scopeLevel: string | null;
  scopeType: 'region' | 'center' | null;
}

/**
 * One JSON array of a user's active grants with their scope resolved (region path of the scope region,
 * or of the scope center's region; display name and level). Used as a correlated subquery so the
 * session lookup and grant lists are one round trip. The outer query must select from `users`.
 */
const grantsJson = () => sql<RawGrant[]>`coalesce((
  select json_agg(json_build_object(
    'id', g.id, 'userId', g.user_id, 'role', g.role, 'regionId', g.scope_region_id, 'centerId', g.scope_center_id,
    'regionPath', coalesce(cr.path, r.path), 'countyId', coalesce(c.county_id, r.county_id),
    'scopeName', coalesce(c.name, r.name), 'scopeLevel', coalesce(c.level, r.level)
  ) order by g.created_at)
  from role_grants g
  left join regions r on r.id = g.scope_region_id
  left join centers c on c.id = g.scope_center_id
  left join regions cr on cr.id = c.region_id
  where g.user_id = "users"."id" and g.active
), '[]'::json)`;

interface RawGrant {
  id: string;
  userId: string;
  role: string;
  regionId: string | null;
  centerId: string | null;
  regionPath: string | null;
  countyId: string | null;
  scopeName: string | null;
  scopeLevel: string | null;
}

const toGrantView = (r: RawGrant): GrantView => ({
  id: r.id,
  role: r.role as Role,
  regionId: r.regionId,
  centerId: r.centerId,
  regionPath: r.regionPath,
  countyId: r.countyId,
  scopeName: r.scopeName,
  scopeLevel: r.scopeLevel,
  scopeType: r.centerId ? 'center' : r.regionId ? 'region' : null,
});

/** Active grants of some users, with their scope resolved to a region path and a display name. */
export async function activeGrants(tx: Executor, userIds: string[]): Promise<Map<string, GrantView[]>> {
  const out = new Map<string, GrantView[]>();
  if (userIds.length === 0) return out;
  const rows = await tx
    .select({ userId: users.id, grants: grantsJson() })
    .from(users)
    .where(inArray(users.id, userIds));
  for (const r of rows) if (r.grants.length) out.set(r.userId, r.grants.map(toGrantView));
  return out;
}

/**
 * The session behind a cookie token hash, with its user and their grants: one query per request.
 * Runs on every authenticated request, so it is a named prepared statement (planned once per
 * connection), cached per database handle.
 */
const sessionQueries = new WeakMap<Executor, ReturnType<typeof prepareFindSession>>();

function prepareFindSession(db: Executor) {
  return db
    .select({ session: sessions, user: users, grants: grantsJson() })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .limit(1)
    .prepare('bm_find_session');
}

export async function findSession(db: Executor, tokenHash: string) {
  let q = sessionQueries.get(db);
  if (!q) sessionQueries.set(db, (q = prepareFindSession(db)));
  const rows = await q.execute({ tokenHash });
  const r = rows[0];
  return r ? { session: r.session, user: r.user, grants: r.grants.map(toGrantView) } : undefined;
}

export async function revokeSessions(tx: Executor, userId: string, exceptSessionId?: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined));
}
