import { z } from 'zod';
import { DryRunQuery, ImportErrorRow } from '../../platform/import-contract.js';
import { CALENDAR_KINDS, CALENDAR_SOURCES, isIsoDate, MAX_YEAR, MIN_YEAR, NAME_MAX } from './calendar.rules.js';

/**
 * Request and response schemas of /api/calendar. Responses are allowlists. `web/` imports this file
 * (types only).
 */

export const IsoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD（且为真实日期）');
export const CalendarKind = z.enum(CALENDAR_KINDS);
export const CalendarSource = z.enum(CALENDAR_SOURCES);
const Year = z.coerce.number().int().min(MIN_YEAR, `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`).max(MAX_YEAR, `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`);
const Name = z.string().trim().max(NAME_MAX, `名称不能超过 ${NAME_MAX} 个字`).nullable().optional();

// ---------------------------------------------------------------------------------------------------
// Public arithmetic

export const DueQuery = z.object({
  from: IsoDate,
  /** Promised working days; 0 = 即办 (due the same day). */
  days: z.coerce.number().int('天数应为整数').min(0, '天数不能小于 0').max(1000, '天数不能超过 1000'),
});
export const DueResponse = z.object({ due: z.string() });

export const WorkdaysQuery = z.object({ from: IsoDate, to: IsoDate });
/** Working days in (from, to]; negative when to is before from. */
export const WorkdaysResponse = z.object({ workdays: z.number().int() });

// ---------------------------------------------------------------------------------------------------
// Administration

export const YearParams = z.object({ year: Year });
export const DateParams = z.object({ date: IsoDate });

export const CalendarDay = z.object({
  date: z.string(),
  kind: CalendarKind,
  name: z.string().nullable(),
  /** 调休上班: a working Saturday or Sunday. */
  swapped: z.boolean(),
  source: CalendarSource,
  updatedAt: z.string(),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const YearStatus = z.object({
  year: z.number().int(),
  /** Usable for deadlines only when complete. */
  complete: z.boolean(),
  source: CalendarSource,
  note: z.string(),
  updatedAt: z.string(),
});
export type YearStatus = z.infer<typeof YearStatus>;

export const CalendarAbilities = z.object({ update: z.boolean(), import: z.boolean() });

export const YearsResponse = z.object({
  years: z.array(YearStatus),
  /** Today in China (UTC+8), so the screen can say when next year's calendar is missing. */
  today: z.string(),
  abilities: CalendarAbilities,
});
export type YearsResponse = z.infer<typeof YearsResponse>;

export const YearResponse = z.object({
  year: z.number().int(),
  /** null when the year was never imported. */
  status: YearStatus.nullable(),
  days: z.array(CalendarDay),
  abilities: CalendarAbilities,
});
export type YearResponse = z.infer<typeof YearResponse>;

export const UpdateDayBody = z.object({ kind: CalendarKind, name: Name });
export type UpdateDayBody = z.infer<typeof UpdateDayBody>;

export const ImportDay = z.object({ date: z.string().max(20), kind: z.string().max(20), name: z.string().max(200).nullable().optional() });
export const ImportBody = z.object({
  /** Only the days that differ from an ordinary week: holidays and 调休 working weekends. */
  days: z.array(ImportDay).max(366, '一年最多 366 天'),
  /** Where the schedule comes from (e.g. 国办发明电〔2026〕X号). */
  note: z.string().trim().max(200).optional(),
});
export type ImportBody = z.infer<typeof ImportBody>;

export const ImportQuery = DryRunQuery;

export const ImportError = ImportErrorRow;

export const ImportReport = z.object({
  year: z.number().int(),
  valid: z.boolean(),
  dryRun: z.boolean(),
  saved: z.boolean(),
  errors: z.array(ImportError),
  summary: z.object({
    /** Days listed in the import. */
    listed: z.number().int(),
    workdays: z.number().int(),
    restdays: z.number().int(),
    holidays: z.number().int(),
    swappedWorkdays: z.number().int(),
    /** Dates whose kind or name differs from what the calendar holds now (all of them for a new year). */
    changed: z.number().int(),
    /** Whether the year was already in the calendar (the import then replaces it). */
    replaces: z.boolean(),
  }),
});
export type ImportReport = z.infer<typeof ImportReport>;
