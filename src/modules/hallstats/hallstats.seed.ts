import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users } from '../auth/auth.tables.js';
import { addDays, businessDate, isoWeekday } from '../calendar/calendar.rules.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { centers, windows } from '../org/org.tables.js';
import { queueCategories, queueCounters, queueTickets, windowRosters, windowSessions } from '../queue/queue.tables.js';

/**
 * Demo hall history (never in production: only the demo seed calls it): four weeks of working days
 * of tickets and window sessions at the county hall and at 青山镇, so that the attendance, load and
 * planning pages have something to show. It uses the service categories the queue seed created;
 * without them it creates nothing. Deterministic (seeded PRNG), bulk inserts, well under a second.
 *
 * Arrivals: a morning peak 9–11 and an after-lunch peak 14–16; about 8 % priority, 4 % no-shows;
 * service 4–15 minutes. Each staffed window has a roster line (Mon–Fri 09:00–17:00) and a session a
 * day, a few sign-ins late, and one person absent one day (the window stays closed). A window calls no
 * more than its daily cap (限号); visitors nobody may call leave (cancelled).
 *
 * 青山镇 also has two days the 窗口负荷 page marks: three working days ago a 就业创业 rush (集中登记日)
 * keeps the one window that takes it serving until it reaches its cap (overloaded), and five working
 * days ago the 民政事务 window's person spends the day on home visits (入户核查, paused 09:30–16:00)
 * and serves two people (idle). Those extras draw from their own PRNG.
 */

/** Mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mean tickets per local hour at a township hall; the county hall takes 2.5 times as many. */
const HOURLY: Record<number, number> = { 8: 2, 9: 6, 10: 7, 11: 4, 12: 1, 13: 2, 14: 6, 15: 6, 16: 3 };
interface HallDef {
  name: string;
  scale: number;
  /** The marked days: a rush of this category (working days ago), a window number idle that day. */
  marked?: { rushCategory: string; rushDaysAgo: number; idleWindow: number; idleDaysAgo: number };
}
const HALLS: HallDef[] = [
  { name: '示范县政务服务中心', scale: 2.5 },
  { name: '青山镇便民服务中心', scale: 1, marked: { rushCategory: '就业创业', rushDaysAgo: 3, idleWindow: 4, idleDaysAgo: 5 } },
];
/** Rush visitors per hall on the rush day: more than any window's cap, so the one that takes them reaches it. */
const RUSH_VISITORS = 70;
const at = (date: string, minutes: number) => new Date(Date.parse(`${date}T00:00:00+08:00`) + Math.round(minutes * 60_000));

export async function seedDemoHallHistory(tx: Executor, opts: { countyId: string; now?: Date; weeks?: number }): Promise<{ tickets: number; sessions: number }> {
  const today = businessDate(opts.now ?? new Date());
  const from = addDays(today, -7 * (opts.weeks ?? 4));
  let workdays: string[];
  try {
    const cal = await loadCalendar(tx, from, addDays(today, -1));
    workdays = [];
    for (let d = from; d < today; d = addDays(d, 1)) if (cal.isWorkday(d)) workdays.push(d);
  } catch {
    workdays = [];
    for (let d = from; d < today; d = addDays(d, 1)) if (isoWeekday(d) <= 5) workdays.push(d);
  }
  const rand = prng(20261123);
  const extra = prng(20261207);
  const ticketRows: (typeof queueTickets.$inferInsert)[] = [];
  const sessionRows: (typeof windowSessions.$inferInsert)[] = [];
  const rosterRows: (typeof windowRosters.$inferInsert)[] = [];
  const counterRows: (typeof queueCounters.$inferInsert)[] = [];
  const halls = await tx
    .select({ id: centers.id, name: centers.name, regionId: centers.regionId })
    .from(centers)
    .where(and(eq(centers.countyId, opts.countyId), inArray(centers.name, HALLS.map((h) => h.name))));
  for (const hall of halls) {
    const def = HALLS.find((h) => h.name === hall.name)!;
    const scale = def.scale;
    const cats = await tx
      .select({ id: queueCategories.id, name: queueCategories.name, prefix: queueCategories.prefix })
      .from(queueCategories)
      .where(and(eq(queueCategories.centerId, hall.id), eq(queueCategories.active, true)))
      .orderBy(asc(queueCategories.sort), asc(queueCategories.prefix));
    if (cats.length === 0) continue;
    const staff = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.homeRegionId, hall.regionId), eq(users.kind, 'staff')))
      .orderBy(asc(users.username));
    const ws = (await tx.select().from(windows).where(and(eq(windows.centerId, hall.id), eq(windows.active, true))).orderBy(asc(windows.number))).filter((w) =>
      w.categories.some((c) => cats.some((k) => k.name === c)),
    );
    // One person per window, as far as the hall has staff.
    const staffed = ws.slice(0, staff.length).map((w, i) => ({ window: w, userId: staff[i].id, cats: cats.filter((c) => w.categories.includes(c.name)) }));
    if (staffed.length === 0) continue;
    // Visitors come for the categories the staffed windows take (a kiosk offers no other).
    const offered = cats.filter((c) => staffed.some((s) => s.cats.includes(c)));
    for (const s of staffed)
      rosterRows.push({ countyId: opts.countyId, centerId: hall.id, windowId: s.window.id, userId: s.userId, weekdays: [1, 2, 3, 4, 5], startsAt: '09:00', endsAt: '17:00' });
    const rushCat = def.marked ? offered.find((c) => c.name === def.marked!.rushCategory) : undefined;
    workdays.forEach((date, dayIndex) => {
      const daysAgo = workdays.length - dayIndex;
      const rushDay = !!rushCat && daysAgo === def.marked!.rushDaysAgo;
      const idleDay = !!def.marked && daysAgo === def.marked.idleDaysAgo;
      // Sessions: mostly 08:50–09:04, some late (09:08–09:30); the first person absent on the 8th working day.
      const open = staffed
        .filter((_, i) => !(i === 0 && dayIndex === 7))
        .map((s) => {
          const late = rand() < 0.1;
          const inAt = late ? 9 * 60 + 8 + rand() * 22 : 8 * 60 + 50 + rand() * 14;
          const outAt = 17 * 60 + rand() * 12 - (rand() < 0.05 ? 40 : 0);
          const session = { countyId: opts.countyId, centerId: hall.id, windowId: s.window.id, userId: s.userId, serviceDate: date, signedInAt: at(date, inAt), signedOutAt: at(date, outAt), pausedSeconds: rand() < 0.3 ? 600 + Math.floor(rand() * 1200) : 0 };
          sessionRows.push(session);
          // 入户核查: away 09:30–16:00, two people served.
          const idle = idleDay && s.window.number === def.marked!.idleWindow;
          if (idle) session.pausedSeconds = (16 * 60 - (9 * 60 + 30)) * 60;
          return { ...s, freeAt: inAt, session, calls: 0, maxCalls: idle ? 2 : (s.window.dailyCap ?? Infinity), rush: rushDay && s.cats.includes(rushCat!) };
        });
      // Arrivals of the day, in time order (rush visitors: 08:30–15:30, all present when called).
      const arrivals: { minute: number; cat: (typeof offered)[number]; rush?: boolean }[] = [];
      if (rushDay) for (let k = 0; k < RUSH_VISITORS; k++) arrivals.push({ minute: 8 * 60 + 30 + extra() * 420, cat: rushCat!, rush: true });
      for (const [h, mean] of Object.entries(HOURLY)) {
        const n = Math.round(mean * scale * (0.7 + rand() * 0.6));
        for (let k = 0; k < n; k++) {
          const minute = Number(h) * 60 + (Number(h) === 8 ? 30 : 0) + rand() * (Number(h) === 8 ? 30 : 60);
          const r = rand();
          const cat = offered[Math.min(offered.length - 1, Math.floor(r * r * offered.length))];
          arrivals.push({ minute, cat });
        }
      }
      arrivals.sort((a, b) => a.minute - b.minute);
      const serial = new Map<string, number>();
      for (const a of arrivals) {
        const number = (serial.get(a.cat.id) ?? 0) + 1;
        serial.set(a.cat.id, number);
        const priority = rand() < 0.08;
        const takers = open.filter((o) => o.calls < o.maxCalls && o.cats.some((c) => c.id === a.cat.id));
        const base = {
          countyId: opts.countyId,
          centerId: hall.id,
          categoryId: a.cat.id,
          serviceDate: date,
          number,
          code: `${a.cat.prefix}${String(number).padStart(3, '0')}`,
          source: rand() < 0.85 ? 'kiosk' : 'portal',
          priority,
          priorityReason: priority ? 'elderly' : null,
          queuedAt: at(date, a.minute),
          createdAt: at(date, a.minute),
        };
        if (takers.length === 0) {
          ticketRows.push({ ...base, status: 'cancelled' });
          continue;
        }
        const w = takers.reduce((m, o) => (o.freeAt < m.freeAt ? o : m), takers[0]);
        const called = Math.max(a.minute, w.freeAt);
        w.calls += 1;
        // The rush window's visitors all come when called (its day is marked by the cap it reaches).
        if (rand() < 0.04 && !w.rush) {
          ticketRows.push({ ...base, status: 'no_show', windowId: w.window.id, calledAt: at(date, called), calledBy: w.userId, recalls: 3 });
          w.freeAt = called + 3;
          continue;
        }
        const service = a.rush ? 6 + extra() * 6 : 4 + rand() * 11;
        ticketRows.push({
          ...base,
          status: 'done',
          windowId: w.window.id,
          calledAt: at(date, called),
          calledBy: w.userId,
          servingAt: at(date, called + 0.5),
          finishedAt: at(date, called + 0.5 + service),
        });
        w.freeAt = called + 0.5 + service;
      }
      // The rush window served past the end of its shift: its person signed out after the last visitor.
      for (const o of open) if (o.rush && o.session.signedOutAt.getTime() < at(date, o.freeAt + 3).getTime()) o.session.signedOutAt = at(date, o.freeAt + 3);
      // The day's counters, so that a ticket taken on one of these days (tests pinning the clock) numbers on.
      for (const [categoryId, last] of serial) counterRows.push({ categoryId, serviceDate: date, last });
    });
  }
  const chunk = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
  };
  if (rosterRows.length) await tx.insert(windowRosters).values(rosterRows);
  await chunk(counterRows, (part) =>
    tx
      .insert(queueCounters)
      .values(part)
      .onConflictDoUpdate({ target: [queueCounters.categoryId, queueCounters.serviceDate], set: { last: sql`greatest(${queueCounters.last}, excluded.last)` } }),
  );
  await chunk(sessionRows, (part) => tx.insert(windowSessions).values(part));
  await chunk(ticketRows, (part) => tx.insert(queueTickets).values(part));
  return { tickets: ticketRows.length, sessions: sessionRows.length };
}
