import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Deps } from '../../platform/deps.js';
import { NotFound } from '../../platform/errors.js';
import { businessDate } from '../calendar/calendar.rules.js';
import { centers, windows } from '../org/org.tables.js';
import { waitingByCategory } from '../queue/queue.service.js';
import { queueCategories, queueTickets, windowSessions } from '../queue/queue.tables.js';
import type { ScreenSnapshot } from './hall.contract.js';

/** Throws NotFound unless the center exists and is active; returns its name. */
export async function centerName(db: Executor, centerId: string): Promise<string> {
  const [c] = await db.select({ name: centers.name }).from(centers).where(and(eq(centers.id, centerId), eq(centers.active, true)));
  if (!c) throw new NotFound('服务中心不存在', 'CENTER_NOT_FOUND');
  return c.name;
}

/**
 * What a hall screen shows (public, no personal data): every window of the center with its state and
 * the ticket it is calling or serving, the day's last 10 calls, and the waiting count per category.
 */
export async function screenSnapshot(deps: Deps, centerId: string): Promise<ScreenSnapshot> {
  const db = deps.db;
  const now = deps.now();
  const today = businessDate(now);
  const name = await centerName(db, centerId);

  const wins = await db
    .select({ id: windows.id, number: windows.number, name: windows.name })
    .from(windows)
    .where(and(eq(windows.centerId, centerId), eq(windows.active, true)))
    .orderBy(asc(windows.number));
  const winIds = wins.map((w) => w.id);

  const sessions = winIds.length
    ? await db
        .select({ windowId: windowSessions.windowId, pausedAt: windowSessions.pausedAt })
        .from(windowSessions)
        .where(and(inArray(windowSessions.windowId, winIds), eq(windowSessions.serviceDate, today), isNull(windowSessions.signedOutAt)))
    : [];
  const stateOf = new Map<string, 'open' | 'paused'>();
  for (const s of sessions) if (stateOf.get(s.windowId) !== 'open') stateOf.set(s.windowId, s.pausedAt ? 'paused' : 'open');

  const current = await db
    .select({ windowId: queueTickets.windowId, code: queueTickets.code, status: queueTickets.status, calledAt: queueTickets.calledAt, categoryName: queueCategories.name })
    .from(queueTickets)
    .innerJoin(queueCategories, eq(queueCategories.id, queueTickets.categoryId))
    .where(and(eq(queueTickets.centerId, centerId), eq(queueTickets.serviceDate, today), inArray(queueTickets.status, ['called', 'serving']), isNotNull(queueTickets.windowId)))
    .orderBy(desc(queueTickets.calledAt));
  const currentOf = new Map<string, (typeof current)[number]>();
  for (const t of current) if (t.windowId && !currentOf.has(t.windowId)) currentOf.set(t.windowId, t);

  const recent = await db
    .select({ code: queueTickets.code, calledAt: queueTickets.calledAt, windowNumber: windows.number, windowName: windows.name, categoryName: queueCategories.name })
    .from(queueTickets)
    .innerJoin(windows, eq(windows.id, queueTickets.windowId))
    .innerJoin(queueCategories, eq(queueCategories.id, queueTickets.categoryId))
    .where(and(eq(queueTickets.centerId, centerId), eq(queueTickets.serviceDate, today), isNotNull(queueTickets.calledAt)))
    .orderBy(desc(queueTickets.calledAt))
    .limit(10);

  // (A correlated count in the select list would lose its table names in drizzle's rendering and
  // compare the ticket table with itself; one grouped count instead.)
  const waitingNow = await waitingByCategory(db, centerId, today);
  const cats = await db
    .select({ categoryId: queueCategories.id, name: queueCategories.name, prefix: queueCategories.prefix })
    .from(queueCategories)
    .where(and(eq(queueCategories.centerId, centerId), eq(queueCategories.active, true)))
    .orderBy(asc(queueCategories.sort), asc(queueCategories.name));

  return {
    centerId,
    centerName: name,
    serviceDate: today,
    windows: wins.map((w) => {
      const t = currentOf.get(w.id);
      return {
        windowId: w.id,
        number: w.number,
        name: w.name,
        state: stateOf.get(w.id) ?? 'closed',
        current: t && t.calledAt ? { code: t.code, categoryName: t.categoryName, status: t.status as 'called' | 'serving', calledAt: t.calledAt.toISOString() } : null,
      };
    }),
    recentCalls: recent.filter((r) => r.calledAt).map((r) => ({ code: r.code, windowNumber: r.windowNumber, windowName: r.windowName, categoryName: r.categoryName, calledAt: r.calledAt!.toISOString() })),
    waiting: cats.map((c) => ({ ...c, waiting: waitingNow.get(c.categoryId)?.all ?? 0 })),
    at: now.toISOString(),
  };
}
