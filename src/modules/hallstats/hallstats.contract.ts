import { z } from 'zod';
import { isIsoDate } from '../calendar/calendar.rules.js';
import { minutesOf } from './hallstats.rules.js';

/** Request and response schemas of /api/hallstats (attendance, load, planning). Responses are allowlists. `web/` imports this file (types only). */

const IsoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD（且为真实日期）');
const HhMm = z.string().refine((s) => minutesOf(s) !== null, '时间格式应为 HH:MM');

export const CenterParams = z.object({ centerId: z.uuid({ message: '服务中心编号格式不正确' }) });
export const RosterParams = z.object({ centerId: z.uuid({ message: '服务中心编号格式不正确' }), id: z.uuid({ message: '排班编号格式不正确' }) });
export const RangeQuery = z.object({ from: IsoDate, to: IsoDate });
export const DayQuery = z.object({ date: IsoDate.optional() });
export const PlanningQuery = z.object({ categoryId: z.uuid({ message: '业务类别编号格式不正确' }).optional() });

// ---------------------------------------------------------------------------------------------------
// Attendance

export const HallsResponse = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), level: z.string() })) });
export const StaffResponse = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) });

export const WindowNow = z.object({
  windowId: z.string(),
  number: z.number().int(),
  name: z.string(),
  /** open | paused | closed */
  state: z.enum(['open', 'paused', 'closed']),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  since: z.string().nullable(),
  pausedSince: z.string().nullable(),
  pauseReason: z.string().nullable(),
});
export const WindowsNowResponse = z.object({ at: z.string(), windows: z.array(WindowNow) });

export const Roster = z.object({
  id: z.string(),
  windowId: z.string(),
  windowNumber: z.number().int(),
  windowName: z.string(),
  userId: z.string(),
  userName: z.string(),
  weekdays: z.array(z.number().int()),
  startsAt: z.string(),
  endsAt: z.string(),
  active: z.boolean(),
});
export const RostersResponse = z.object({ items: z.array(Roster) });
export const RosterBody = z
  .object({
    windowId: z.uuid({ message: '请选择窗口' }),
    userId: z.uuid({ message: '请选择人员' }),
    weekdays: z
      .array(z.number().int().min(1, '星期应为 1–7').max(7, '星期应为 1–7'))
      .min(1, '至少选择一天')
      .max(7)
      .refine((w) => new Set(w).size === w.length, '星期不能重复'),
    startsAt: HhMm,
    endsAt: HhMm,
    active: z.boolean().default(true),
  })
  .refine((b) => (minutesOf(b.startsAt) ?? 0) < (minutesOf(b.endsAt) ?? 0), { message: '下班时间应晚于上班时间', path: ['endsAt'] });

export const AttendanceRow = z.object({
  date: z.string(),
  rosterId: z.string(),
  windowNumber: z.number().int(),
  windowName: z.string(),
  userId: z.string(),
  userName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** on_time | late | absent | upcoming (today, shift not started yet) */
  status: z.enum(['on_time', 'late', 'absent', 'upcoming']),
  firstSignIn: z.string().nullable(),
  lastSignOut: z.string().nullable(),
  lateMinutes: z.number().int(),
  earlyLeave: z.boolean(),
  earlyMinutes: z.number().int(),
  workedMinutes: z.number().int(),
});
export const AttendanceResponse = z.object({
  from: z.string(),
  to: z.string(),
  graceMinutes: z.number().int(),
  workdays: z.array(z.string()),
  rows: z.array(AttendanceRow),
  totals: z.object({ lines: z.number().int(), late: z.number().int(), absent: z.number().int(), earlyLeave: z.number().int() }),
});

// ---------------------------------------------------------------------------------------------------
// Load

export const LoadCell = z.object({
  hour: z.number().int(),
  served: z.number().int(),
  /** Service seconds within the hour / seconds signed in within the hour; null when not signed in. */
  busyShare: z.number().nullable(),
});
export const WindowDayLoad = z.object({
  windowId: z.string(),
  number: z.number().int(),
  name: z.string(),
  dailyCap: z.number().int().nullable(),
  served: z.number().int(),
  meanWaitSeconds: z.number().nullable(),
  meanServiceSeconds: z.number().nullable(),
  busyShare: z.number().nullable(),
  signedInSeconds: z.number().int(),
  overloaded: z.boolean(),
  idle: z.boolean(),
  hours: z.array(LoadCell),
});
export const DayLoadResponse = z.object({
  date: z.string(),
  hours: z.array(z.number().int()),
  thresholds: z.object({ overloadedBusyShare: z.number(), idleServedBelow: z.number().int() }),
  waiting: z.number().int(),
  windows: z.array(WindowDayLoad),
});
export const HistoryRow = z.object({
  date: z.string(),
  windowId: z.string(),
  number: z.number().int(),
  name: z.string(),
  served: z.number().int(),
  meanWaitSeconds: z.number().nullable(),
  meanServiceSeconds: z.number().nullable(),
  busyShare: z.number().nullable(),
  opened: z.boolean(),
  overloaded: z.boolean(),
  idle: z.boolean(),
});
export const HistoryResponse = z.object({
  from: z.string(),
  to: z.string(),
  thresholds: z.object({ overloadedBusyShare: z.number(), idleServedBelow: z.number().int() }),
  rows: z.array(HistoryRow),
});

// ---------------------------------------------------------------------------------------------------
// Planning

export const PlanningRow = z.object({
  hour: z.number().int(),
  /** Mean tickets taken in this hour per working day. */
  arrivals: z.number(),
  /** Mean service seconds (finished tickets of the same days and hour; the center's mean when the hour has none). */
  ahtSeconds: z.number().nullable(),
  /** Erlang C: windows needed to call targetShare within targetWaitMinutes. */
  needed: z.number().int(),
  /** Mean number of windows signed in during this hour over the same days. */
  staffed: z.number(),
  /** Predicted share called within the target with the staffed windows (rounded down to whole windows); null without arrivals. */
  predictedServiceLevel: z.number().nullable(),
});
export const PlanningResponse = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  weeks: z.number().int(),
  targetShare: z.number(),
  targetWaitMinutes: z.number(),
  categoryId: z.string().nullable(),
  /** The center's active categories, for the filter. */
  categories: z.array(z.object({ id: z.string(), name: z.string() })),
  rows: z.array(PlanningRow),
});

export type WindowsNowResponse = z.infer<typeof WindowsNowResponse>;
export type Roster = z.infer<typeof Roster>;
export type RosterBody = z.infer<typeof RosterBody>;
export type AttendanceResponse = z.infer<typeof AttendanceResponse>;
export type AttendanceRow = z.infer<typeof AttendanceRow>;
export type DayLoadResponse = z.infer<typeof DayLoadResponse>;
export type HistoryResponse = z.infer<typeof HistoryResponse>;
export type PlanningResponse = z.infer<typeof PlanningResponse>;
