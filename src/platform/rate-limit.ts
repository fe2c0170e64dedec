import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { rateLimits } from '../modules/auth/auth.tables.js';

/**
 * Fixed-window counter in the database, so every app instance shares it. One atomic upsert:
 * a window older than `windowSeconds` restarts at 1. Returns whether the hit is within `limit`.
 */
export async function hit(db: Executor, key: string, limit: number, windowSeconds: number): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const rows = await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} <= now() - make_interval(secs => ${windowSeconds}) then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} <= now() - make_interval(secs => ${windowSeconds}) then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      retry: sql<number>`greatest(1, ceil(extract(epoch from (${rateLimits.windowStart} + make_interval(secs => ${windowSeconds}) - now()))))::int`,
    });
  const r = rows[0];
  return { allowed: r.count <= limit, retryAfterSeconds: Number(r.retry) };
}
