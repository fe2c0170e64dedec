import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { securitySettings } from './auth.tables.js';

/** Security policy as data: edited by the security admin, validated by this one schema. */
export const SecuritySettingsSchema = z.object({
  passwordPolicy: z.object({
    minLength: z.number().int().min(8).max(64).default(8),
    /** Of: lower case, upper case, digits, symbols. */
    minClasses: z.number().int().min(1).max(4).default(3),
    historyCount: z.number().int().min(0).max(24).default(5),
    /** 0 = passwords do not expire. */
    maxAgeDays: z.number().int().min(0).max(365).default(0),
  }),
  lockout: z.object({
    maxFailures: z.number().int().min(3).max(20).default(5),
    lockMinutes: z.number().int().min(1).max(1440).default(15),
  }),
  session: z.object({
    idleMinutes: z.number().int().min(1).max(240).default(30),
    absoluteHours: z.number().int().min(1).max(72).default(12),
  }),
  rateLimit: z.object({
    loginPerIpPerMinute: z.number().int().min(5).max(1000).default(30),
    loginPerAccountPerMinute: z.number().int().min(3).max(100).default(10),
  }),
});
export type SecuritySettings = z.infer<typeof SecuritySettingsSchema>;

export const DEFAULT_SETTINGS: SecuritySettings = SecuritySettingsSchema.parse({
  passwordPolicy: {},
  lockout: {},
  session: {},
  rateLimit: {},
});

const KEY = 'security';

/**
 * Read through a short per-instance cache: the session hook reads the policy on every request.
 * Another instance's change is seen within CACHE_MS; this instance's own change at once.
 */
const CACHE_MS = 5_000;
const cache = new WeakMap<object, { at: number; value: SecuritySettings }>();

export async function loadSettings(db: Executor, cacheOwner?: object): Promise<SecuritySettings> {
  const hit = cacheOwner ? cache.get(cacheOwner) : undefined;
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const rows = await db.select().from(securitySettings).where(eq(securitySettings.key, KEY));
  const parsed = rows[0] ? SecuritySettingsSchema.safeParse(rows[0].value) : null;
  const value = parsed?.success ? parsed.data : DEFAULT_SETTINGS;
  if (cacheOwner) cache.set(cacheOwner, { at: Date.now(), value });
  return value;
}

export async function saveSettings(tx: Executor, value: SecuritySettings, userId: string, cacheOwner?: object): Promise<void> {
  await tx
    .insert(securitySettings)
    .values({ key: KEY, value, updatedBy: userId, updatedAt: new Date() })
    .onConflictDoUpdate({ target: securitySettings.key, set: { value, updatedBy: userId, updatedAt: new Date() } });
  if (cacheOwner) cache.delete(cacheOwner);
}
