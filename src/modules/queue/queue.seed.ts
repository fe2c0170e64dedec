import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { centers, windows } from '../org/org.tables.js';
import { DEFAULT_HALL_SETTINGS } from './queue.rules.js';
import { hallSettings, queueCategories } from './queue.tables.js';

/**
 * Demo service categories (业务类别) and hall settings: for every county and township hall, one category
 * per distinct category name its windows take, lettered A, B, C … in the order the windows list them
 * (window number order, then each window's own order), no daily cap (限号 is the director's choice);
 * and a hall_settings row with the defaults. Runs inside the demo seed's transaction, before the
 * appointment and hall history seeds (they use these categories).
 */
export async function seedDemoQueue(tx: Executor, opts: { countyId: string }): Promise<void> {
  const halls = await tx
    .select({ id: centers.id })
    .from(centers)
    .where(and(eq(centers.countyId, opts.countyId), inArray(centers.level, ['county', 'township']), eq(centers.active, true)));
  for (const hall of halls) {
    const ws = await tx
      .select({ categories: windows.categories })
      .from(windows)
      .where(and(eq(windows.centerId, hall.id), eq(windows.active, true)))
      .orderBy(asc(windows.number));
    const names: string[] = [];
    for (const w of ws) for (const c of w.categories) if (!names.includes(c)) names.push(c);
    if (names.length > 0) {
      await tx.insert(queueCategories).values(
        names.slice(0, 26).map((name, i) => ({ countyId: opts.countyId, centerId: hall.id, name, prefix: String.fromCharCode(65 + i), dailyCap: null, sort: i })),
      );
    }
    await tx.insert(hallSettings).values({ centerId: hall.id, countyId: opts.countyId, settings: { ...DEFAULT_HALL_SETTINGS } as unknown as Record<string, unknown> });
  }
}
