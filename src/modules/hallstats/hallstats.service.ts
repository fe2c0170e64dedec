import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../platform/audit.js';
import type { Actor, RequestMeta } from '../../platform/auth-context.js';
import type { Deps } from '../../platform/deps.js';
import { BusinessRule, Invalid, NotFound } from '../../platform/errors.js';
import { authorize, requireAbility, type Action } from '../../platform/policy.js';
import { formatCst } from '../../platform/time.js';
import { writeWorkbook } from '../../platform/xlsx.js';
import { addDays, businessDate, isoWeekday } from '../calendar/calendar.rules.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { windowRosters } from '../queue/queue.tables.js';
import type {
  AttendanceResponse,
  AttendanceRow,
  DayLoadResponse,
  HistoryResponse,
  PlanningResponse,
  Roster,
  RosterBody,
  WindowsNowResponse,
} from './hallstats.contract.js';
import { agentsNeeded, serviceLevel } from './erlang.js';
import * as repo from './hallstats.repo.js';
import { datesBetween, IDLE_SERVED_BELOW, judgeAttendance, markDay, MAX_RANGE_DAYS, OVERLOADED_BUSY_SHARE, statsSettingsOf } from './hallstats.rules.js';

/**
 * Hall attendance (考勤), load (窗口负荷) and planning (窗口测算) of one center. Reads are one
 * transaction each; the center must be in the actor's window_session scope (404 otherwise).
 * Roster edits are hall configuration: directors (hall_settings.update), audited.
 */

export interface HallStatsCtx {
  actor: Actor;
  meta: RequestMeta;
}

const THRESHOLDS = { overloadedBusyShare: OVERLOADED_BUSY_SHARE, idleServedBelow: IDLE_SERVED_BELOW };
const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

async function centerFor(tx: Executor, actor: Actor, action: Action, object: 'window_session' | 'hall_settings', centerId: string) {
  const c = await repo.centerTarget(tx, centerId);
  if (!c) throw new NotFound('服务中心不存在');
  authorize(actor, action, object, { centerId: c.id, regionPath: c.regionPath });
  return c;
}

function checkRange(from: string, to: string): void {
  if (to < from) throw new Invalid('结束日期不能早于开始日期', undefined, 'RANGE_REVERSED');
  if (datesBetween(from, to).length > MAX_RANGE_DAYS) throw new Invalid(`查询范围不能超过 ${MAX_RANGE_DAYS} 天`, undefined, 'RANGE_TOO_LONG');
}

// ---------------------------------------------------------------------------------------------------
// Attendance

/** The halls (centers with windows) whose figures the actor may read, for the pages' center picker. */
export async function myHalls(deps: Deps, ctx: HallStatsCtx): Promise<{ items: { id: string; name: string; level: string }[] }> {
  const scope = requireAbility(ctx.actor, 'read', 'window_session');
  return deps.db.transaction(async (tx) => ({ items: await repo.hallsInScope(tx, scope) }));
}

/** Staff who can be put on the center's roster (homed in its region). */
export async function rosterStaff(deps: Deps, ctx: HallStatsCtx, centerId: string): Promise<{ items: { id: string; name: string }[] }> {
  return deps.db.transaction(async (tx) => {
    const c = await centerFor(tx, ctx.actor, 'update', 'hall_settings', centerId);
    return { items: await repo.staffOfRegion(tx, c.regionId) };
  });
}

/** Every active window of the center: open / paused / closed, who is on it and since when. */
export async function windowsNow(deps: Deps, ctx: HallStatsCtx, centerId: string): Promise<WindowsNowResponse> {
  return deps.db.transaction(async (tx) => {
    await centerFor(tx, ctx.actor, 'read', 'window_session', centerId);
    const ws = await repo.centerWindows(tx, centerId);
    const open = new Map((await repo.openSessions(tx, centerId)).map((s) => [s.windowId, s]));
    return {
      at: deps.now().toISOString(),
      windows: ws.map((w) => {
        const s = open.get(w.id);
        return {
          windowId: w.id,
          number: w.number,
          name: w.name,
          state: !s ? 'closed' : s.pausedAt ? 'paused' : 'open',
          userId: s?.userId ?? null,
          userName: s?.userName ?? null,
          since: iso(s?.signedInAt ?? null),
          pausedSince: iso(s?.pausedAt ?? null),
          pauseReason: s?.pausedAt ? (s.pauseReason ?? null) : null,
        };
      }),
    };
  });
}

export async function listRosters(deps: Deps, ctx: HallStatsCtx, centerId: string): Promise<{ items: Roster[] }> {
  return deps.db.transaction(async (tx) => {
    await centerFor(tx, ctx.actor, 'read', 'window_session', centerId);
    return { items: await repo.rosters(tx, centerId, false) };
  });
}

async function checkRosterRefs(tx: Executor, centerId: string, body: RosterBody): Promise<void> {
  if (!(await repo.windowOfCenter(tx, centerId, body.windowId))) throw new Invalid('所选窗口不属于该服务中心', [{ path: ['windowId'], message: '所选窗口不属于该服务中心' }], 'ROSTER_WINDOW');
  if (!(await repo.staffUser(tx, body.userId))) throw new Invalid('所选人员不是工作人员', [{ path: ['userId'], message: '所选人员不是工作人员' }], 'ROSTER_USER');
}

/** 排班: a director adds a roster line (who, which window, weekdays, hours). */
export async function createRoster(deps: Deps, ctx: HallStatsCtx, centerId: string, body: RosterBody): Promise<Roster> {
  return deps.db.transaction(async (tx) => {
    const c = await centerFor(tx, ctx.actor, 'update', 'hall_settings', centerId);
    await checkRosterRefs(tx, centerId, body);
    const [row] = await tx
      .insert(windowRosters)
      .values({ countyId: c.countyId, centerId, windowId: body.windowId, userId: body.userId, weekdays: [...body.weekdays].sort(), startsAt: body.startsAt, endsAt: body.endsAt, active: body.active })
      .returning({ id: windowRosters.id });
    const out = (await repo.rosters(tx, centerId, false)).find((r) => r.id === row.id)!;
    await writeAudit(tx, ctx.actor, ctx.meta, { action: 'attendance.roster_saved', objectType: 'window_roster', objectId: row.id, details: { centerId, windowId: body.windowId, weekdays: out.weekdays, startsAt: body.startsAt, endsAt: body.endsAt, active: body.active } });
    return out;
  });
}

/** Changes a roster line (set active = false to retire it; lines are kept for past reports). */
export async function updateRoster(deps: Deps, ctx: HallStatsCtx, centerId: string, id: string, body: RosterBody): Promise<Roster> {
  return deps.db.transaction(async (tx) => {
    await centerFor(tx, ctx.actor, 'update', 'hall_settings', centerId);
    const before = await repo.rosterById(tx, centerId, id);
    if (!before) throw new NotFound('排班不存在');
    await checkRosterRefs(tx, centerId, body);
    await tx
      .update(windowRosters)
      .set({ windowId: body.windowId, userId: body.userId, weekdays: [...body.weekdays].sort(), startsAt: body.startsAt, endsAt: body.endsAt, active: body.active })
      .where(eq(windowRosters.id, id));
    const out = (await repo.rosters(tx, centerId, false)).find((r) => r.id === id)!;
    await writeAudit(tx, ctx.actor, ctx.meta, {
      action: 'attendance.roster_saved',
      objectType: 'window_roster',
      objectId: id,
      details: { centerId, before: { windowId: before.windowId, weekdays: before.weekdays, startsAt: before.startsAt, endsAt: before.endsAt, active: before.active }, after: { windowId: body.windowId, weekdays: out.weekdays, startsAt: body.startsAt, endsAt: body.endsAt, active: body.active } },
    });
    return out;
  });
}

/**
 * Daily attendance of a date range: for every active roster line on every working day (calendar)
 * of its weekdays up to today: first sign-in against startsAt + grace (late), no sign-in (absent),
 * last sign-out before endsAt (early leave), time signed in minus pauses.
 */
export async function attendanceReport(deps: Deps, ctx: HallStatsCtx, centerId: string, from: string, to: string): Promise<AttendanceResponse> {
  checkRange(from, to);
  const now = deps.now();
  const today = businessDate(now);
  return deps.db.transaction(async (tx) => {
    await centerFor(tx, ctx.actor, 'read', 'window_session', centerId);
    const { attendance } = statsSettingsOf(await repo.settingsJson(tx, centerId));
    const cal = await loadCalendar(tx, from, to);
    const last = to < today ? to : today;
    const workdays = last < from ? [] : datesBetween(from, last).filter((d) => cal.isWorkday(d));
    const lines = await repo.rosters(tx, centerId, true);
    const sessions = await repo.sessionsBetween(tx, centerId, from, to);
    const byUserDay = new Map<string, typeof sessions>();
    for (const s of sessions) {
      const k = `${s.userId}|${s.serviceDate}`;
      const list = byUserDay.get(k) ?? [];
      list.push(s);
      byUserDay.set(k, list);
    }
    const rows: AttendanceRow[] = [];
    for (const date of workdays) {
      const wd = isoWeekday(date);
      for (const l of lines) {
        if (!l.weekdays.includes(wd)) continue;
        const v = judgeAttendance(l, byUserDay.get(`${l.userId}|${date}`) ?? [], attendance.graceMinutes, now, date === today);
        rows.push({
          date,
          rosterId: l.id,
          windowNumber: l.windowNumber,
          windowName: l.windowName,
          userId: l.userId,
          userName: l.userName,
          startsAt: l.startsAt,
          endsAt: l.endsAt,
          status: v.status,
          firstSignIn: iso(v.firstSignIn),
          lastSignOut: iso(v.lastSignOut),
          lateMinutes: v.lateMinutes,
          earlyLeave: v.earlyLeave,
          earlyMinutes: v.earlyMinutes,
          workedMinutes: v.workedMinutes,
        });
      }
    }
    return {
      from,
      to,
      graceMinutes: attendance.graceMinutes,
      workdays,
      rows,
      totals: {
        lines: rows.length,
        late: rows.filter((r) => r.status === 'late').length,
        absent: rows.filter((r) => r.status === 'absent').length,
        earlyLeave: rows.filter((r) => r.earlyLeave).length,
      },
    };
  });
}

const STATUS_LABELS = { on_time: '正常', late: '迟到', absent: '缺勤', upcoming: '未到上班时间' } as const;
const clock = (isoAt: string | null): string => (isoAt ? formatCst(new Date(isoAt)).slice(11, 16) : '');

/** The attendance report as an Excel workbook (window_session.export). */
export async function attendanceWorkbook(deps: Deps, ctx: HallStatsCtx, centerId: string, from: string, to: string): Promise<Buffer> {
  const c = await deps.db.transaction(async (tx) => centerFor(tx, ctx.actor, 'export', 'window_session', centerId));
  const report = await attendanceReport(deps, ctx, c.id, from, to);
  const col = (key: string, header: string, width: number) => ({ key, header, width, note: '' });
  return writeWorkbook([
    {
      def: {
        name: '考勤日报',
        columns: [
          col('date', '日期', 12),
          col('window', '窗口', 16),
          col('user', '人员', 12),
          col('shift', '排班', 14),
          col('status', '状态', 12),
          col('in', '首次签到', 10),
          col('out', '最后签退', 10),
          col('late', '迟到（分钟）', 12),
          col('early', '早退（分钟）', 12),
          col('worked', '在岗（分钟）', 12),
        ],
      },
      rows: report.rows.map((r) => [
        r.date,
        `${r.windowNumber} 号 ${r.windowName}`,
        r.userName,
        `${r.startsAt}–${r.endsAt}`,
        STATUS_LABELS[r.status] + (r.earlyLeave ? '、早退' : ''),
        clock(r.firstSignIn),
        clock(r.lastSignOut),
        r.lateMinutes ? String(r.lateMinutes) : '',
        r.earlyMinutes ? String(r.earlyMinutes) : '',
        String(r.workedMinutes),
      ]),
    },
  ]);
}

// ---------------------------------------------------------------------------------------------------
// Load

/** One day of a center per window and hour: served, busy share; the day's totals with overloaded / idle marks. */
export async function dayLoad(deps: Deps, ctx: HallStatsCtx, centerId: string, date?: string): Promise<DayLoadResponse> {
  const now = deps.now();
  const day = date ?? businessDate(now);
  return deps.db.transaction(async (tx) => {
    await centerFor(tx, ctx.actor, 'read', 'window_session', centerId);
    const ws = await repo.centerWindows(tx, centerId);
    const svc = await repo.serviceSecondsByHour(tx, centerId, day, now);
    const signed = await repo.signedSecondsByHour(tx, centerId, day, now);
    const served = await repo.servedByHour(tx, centerId, day);
    const days = await repo.ticketDays(tx, centerId, day, day, now);
    const sess = await repo.sessionDays(tx, centerId, day, day, now);
    const waiting = await repo.waitingCount(tx, centerId, day);
    const key = (w: string, h: number) => `${w}|${h}`;
    const svcM = new Map(svc.map((r) => [key(r.window_id, r.h), r.seconds]));
    const sigM = new Map(signed.map((r) => [key(r.window_id, r.h), r.seconds]));
    const serM = new Map(served.map((r) => [key(r.window_id, r.h), r.served]));
    const active = [...svc, ...signed, ...served].map((r) => r.h);
    const lo = Math.min(8, ...active);
    const hi = Math.max(17, ...active);
    const hours = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
    return {
      date: day,
      hours,
      thresholds: THRESHOLDS,
      waiting,
      windows: ws.map((w) => {
        const t = days.find((r) => r.window_id === w.id);
        const signedSeconds = sess.find((r) => r.window_id === w.id)?.seconds ?? 0;
        const busyShare = signedSeconds > 0 ? round(Math.min(1, (t?.service_seconds ?? 0) / signedSeconds)) : null;
        const servedN = t?.served ?? 0;
        return {
          windowId: w.id,
          number: w.number,
          name: w.name,
          dailyCap: w.dailyCap,
          served: servedN,
          meanWaitSeconds: t?.mean_wait == null ? null : Math.round(t.mean_wait),
          meanServiceSeconds: t?.mean_service == null ? null : Math.round(t.mean_service),
          busyShare,
          signedInSeconds: Math.round(signedSeconds),
          ...markDay({ served: servedN, busyShare, dailyCap: w.dailyCap, opened: signedSeconds > 0 }),
          hours: hours.map((h) => {
            const sig = sigM.get(key(w.id, h)) ?? 0;
            return { hour: h, served: serM.get(key(w.id, h)) ?? 0, busyShare: sig > 0 ? round(Math.min(1, (svcM.get(key(w.id, h)) ?? 0) / sig)) : null };
          }),
        };
      }),
    };
  });
}

/** Daily figures per window over a date range, with overloaded and idle days marked. */
export async function loadHistory(deps: Deps, ctx: HallStatsCtx, centerId: string, from: string, to: string): Promise<HistoryResponse> {
  checkRange(from, to);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    await centerFor(tx, ctx.actor, 'read', 'window_session', centerId);
    const ws = await repo.centerWindows(tx, centerId);
    const tickets = await repo.ticketDays(tx, centerId, from, to, now);
    const sess = await repo.sessionDays(tx, centerId, from, to, now);
    const tM = new Map(tickets.map((r) => [`${r.window_id}|${r.d}`, r]));
    const sM = new Map(sess.map((r) => [`${r.window_id}|${r.d}`, r.seconds]));
    const dates = [...new Set([...tickets.map((r) => r.d), ...sess.map((r) => r.d)])].sort();
    const rows: HistoryResponse['rows'] = [];
    for (const d of dates) {
      for (const w of ws) {
        const t = tM.get(`${w.id}|${d}`);
        const signed = sM.get(`${w.id}|${d}`) ?? 0;
        if (!t && signed === 0) continue;
        const busyShare = signed > 0 ? round(Math.min(1, (t?.service_seconds ?? 0) / signed)) : null;
        const served = t?.served ?? 0;
        rows.push({
          date: d,
          windowId: w.id,
          number: w.number,
          name: w.name,
          served,
          meanWaitSeconds: t?.mean_wait == null ? null : Math.round(t.mean_wait),
          meanServiceSeconds: t?.mean_service == null ? null : Math.round(t.mean_service),
          busyShare,
          opened: signed > 0,
          ...markDay({ served, busyShare, dailyCap: w.dailyCap, opened: signed > 0 }),
        });
      }
    }
    return { from, to, thresholds: THRESHOLDS, rows };
  });
}

// ---------------------------------------------------------------------------------------------------
// Planning

/**
 * Window planning: mean arrivals per local hour over the working days of the last `planning.weeks`
 * weeks (yesterday back), the mean service time (of that hour, else of all hours) → Erlang C windows
 * needed for the target, beside the mean number of windows signed in during that hour.
 */
export async function planning(deps: Deps, ctx: HallStatsCtx, centerId: string, categoryId?: string): Promise<PlanningResponse> {
  const today = businessDate(deps.now());
  return deps.db.transaction(async (tx) => {
    await centerFor(tx, ctx.actor, 'read', 'window_session', centerId);
    const cat = categoryId ? await repo.categoryOfCenter(tx, centerId, categoryId) : null;
    if (categoryId && !cat) throw new NotFound('业务类别不存在');
    const { planning: p } = statsSettingsOf(await repo.settingsJson(tx, centerId));
    const from = addDays(today, -7 * p.weeks);
    const to = addDays(today, -1);
    const cal = await loadCalendar(tx, from, to);
    const days = datesBetween(from, to).filter((d) => cal.isWorkday(d));
    if (days.length === 0) throw new BusinessRule('PLANNING_NO_DAYS', '所选时段内没有工作日，无法测算');
    const arrivals = await repo.arrivalsByHour(tx, centerId, days, cat?.id ?? null);
    const service = await repo.serviceByHour(tx, centerId, days, cat?.id ?? null);
    const staffed = await repo.staffedSecondsByHour(tx, centerId, days, cat?.name ?? null);
    const overall = service.find((s) => s.h === -1)?.mean ?? null;
    const n = days.length;
    const arrM = new Map(arrivals.map((a) => [a.h, a.n / n]));
    const svcM = new Map(service.filter((s) => s.h >= 0).map((s) => [s.h, s.mean]));
    const staffM = new Map(staffed.map((s) => [s.h, s.seconds / 3600 / n]));
    const used = [...arrM.keys(), ...[...staffM].filter(([, v]) => v > 0.005).map(([h]) => h)];
    const lo = Math.min(8, ...used);
    const hi = Math.max(17, ...used);
    const target = { share: p.targetShare, seconds: p.targetWaitMinutes * 60 };
    const rows: PlanningResponse['rows'] = [];
    for (let h = lo; h <= hi; h++) {
      const arr = arrM.get(h) ?? 0;
      const aht = svcM.get(h) ?? overall;
      const st = staffM.get(h) ?? 0;
      const needed = aht && arr > 0 ? agentsNeeded(arr, aht, target) : 0;
      rows.push({
        hour: h,
        arrivals: round(arr, 2),
        ahtSeconds: aht === null ? null : Math.round(aht),
        needed,
        staffed: round(st, 2),
        predictedServiceLevel: aht && arr > 0 ? round(serviceLevel(Math.floor(st + 1e-9), arr, aht, target.seconds)) : null,
      });
    }
    const categories = await repo.centerCategories(tx, centerId);
    return { from, to, days: n, weeks: p.weeks, targetShare: p.targetShare, targetWaitMinutes: p.targetWaitMinutes, categoryId: cat?.id ?? null, categories, rows };
  });
}
