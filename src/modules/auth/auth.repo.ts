import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { ActorGrant } from '../../platform/auth-context.js';
import type { Role } from '../../platform/roles.js';
import { centers, regions } from '../org/org.tables.js';
import { roleGrants, sessions, users } from './auth.tables.js';

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

/** Active grants of some users, with their scope resolved to a region path and a display name. */
export async function activeGrants(tx: Executor, userIds: string[]): Promise<Map<string, GrantView[]>> {
  const out = new Map<string, GrantView[]>();
  if (userIds.length === 0) return out;
  const scopeRegion = sql`coalesce(${regions.id}, ${centers.regionId})`;
  const rows = await tx
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      role: roleGrants.role,
      scopeRegionId: roleGrants.scopeRegionId,
      scopeCenterId: roleGrants.scopeCenterId,
      regionName: regions.name,
      regionLevel: regions.level,
      regionPath: regions.path,
      regionCounty: regions.countyId,
      centerName: centers.name,
      centerLevel: centers.level,
      centerCounty: centers.countyId,
      centerRegionPath: sql<string | null>`(select r2.path from regions r2 where r2.id = ${centers.regionId})`,
    })
    .from(roleGrants)
    .leftJoin(regions, eq(regions.id, roleGrants.scopeRegionId))
    .leftJoin(centers, eq(centers.id, roleGrants.scopeCenterId))
    .where(and(inArray(roleGrants.userId, userIds), eq(roleGrants.active, true)))
    .orderBy(roleGrants.createdAt);
  void scopeRegion;
  for (const r of rows) {
    const g: GrantView = {
      id: r.id,
      role: r.role as Role,
      regionId: r.scopeRegionId,
      centerId: r.scopeCenterId,
      regionPath: r.scopeCenterId ? r.centerRegionPath : r.regionPath,
      countyId: r.scopeCenterId ? r.centerCounty : (r.regionCounty ?? null),
      scopeName: r.centerName ?? r.regionName ?? null,
      scopeLevel: r.centerLevel ?? r.regionLevel ?? null,
      scopeType: r.scopeCenterId ? 'center' : r.scopeRegionId ? 'region' : null,
    };
    const list = out.get(r.userId) ?? [];
    list.push(g);
    out.set(r.userId, list);
  }
  return out;
}

/** The session behind a cookie token hash, with its user. */
export async function findSession(tx: Executor, tokenHash: string) {
  const rows = await tx
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  return rows[0];
}

export async function revokeSessions(tx: Executor, userId: string, exceptSessionId?: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined));
}
