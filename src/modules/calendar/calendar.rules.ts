/**
 * Pure rules of the working-day calendar (工作日历): date arithmetic on `YYYY-MM-DD` strings, the
 * deadline rule of 承诺办结时限, and the checks of a year import. No I/O; table-tested in
 * calendar.rules.test.ts. Also imported by the web (labels, the line parser of the import dialog).
 *
 * The deadline rule: the promised N working days run from the first working day AFTER the day of
 * acceptance (day 1) and end at the end of day N; N = 0 is 即办 (due the same day). Pauses (补正,
 * 特别程序) add the paused working days after the due date. Any date in a year the calendar does not
 * hold as complete throws `CalendarYearMissingError` (code CALENDAR_YEAR_MISSING): never a guess.
 */
import { BusinessRule, Invalid } from '../../platform/errors.js';

// ---------------------------------------------------------------------------------------------------
// Kinds and labels

export const CALENDAR_KINDS = ['workday', 'restday', 'holiday'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];
export const CALENDAR_KIND_LABELS: Record<CalendarKind, string> = { workday: '工作日', restday: '休息日', holiday: '节假日' };

export const CALENDAR_SOURCES = ['seed', 'admin', 'import'] as const;
export type CalendarSource = (typeof CALENDAR_SOURCES)[number];
export const CALENDAR_SOURCE_LABELS: Record<CalendarSource, string> = { seed: '内置数据', admin: '管理员修改', import: '导入' };

/** Years an administrator may import or edit. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** Longest holiday name (the 2015 anniversary day has 27 characters). */
export const NAME_MAX = 40;

const KIND_WORDS: Record<string, CalendarKind> = {
  workday: 'workday',
  工作日: 'workday',
  上班: 'workday',
  班: 'workday',
  补班: 'workday',
  调休上班: 'workday',
  restday: 'restday',
  休息日: 'restday',
  休息: 'restday',
  周末: 'restday',
  holiday: 'holiday',
  节假日: 'holiday',
  法定节假日: 'holiday',
  假日: 'holiday',
  节日: 'holiday',
  放假: 'holiday',
  假: 'holiday',
  休: 'holiday',
};

/**
 * The kind a person wrote in a sheet or a line: 工作日 / 上班 / 班 → workday; 休息日 / 休息 → restday;
 * 节假日 / 放假 / 假 / 休 → holiday (「休」 as printed on calendars marks a holiday day); English keys too.
 */
export function kindFromLabel(label: string): CalendarKind | undefined {
  return KIND_WORDS[label.trim().toLowerCase()];
}

// ---------------------------------------------------------------------------------------------------
// Dates (`YYYY-MM-DD`, compared as strings)

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** `2027/1/1`, `2027.1.1`, `2027年1月1日` or `2027-01-01` → `2027-01-01`; undefined when not a real date. */
export function normalizeDate(s: string): string | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

export const yearOf = (date: string): number => Number(date.slice(0, 4));

const toUtc = (date: string): number => Date.UTC(yearOf(date), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

/** The date `n` calendar days later (earlier when negative). */
export function addDays(date: string, n: number): string {
  return new Date(toUtc(date) + n * 86_400_000).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(toUtc(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

export const isWeekend = (date: string): boolean => isoWeekday(date) >= 6;

/** What a date is when nobody lists it: Saturday and Sunday rest, Monday to Friday work. */
export const defaultKind = (date: string): CalendarKind => (isWeekend(date) ? 'restday' : 'workday');

/** 调休上班: a working Saturday or Sunday (the database derives the same flag in `calendar_days.swapped`). */
export const isSwappedWorkday = (date: string, kind: CalendarKind): boolean => kind === 'workday' && isWeekend(date);

/** Every date of a year, in order. */
export function daysOfYear(year: number): string[] {
  const out: string[] = [];
  for (let d = `${String(year).padStart(4, '0')}-01-01`; yearOf(d) === year; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Today's business date in China (UTC+8), `YYYY-MM-DD`. */
export const businessDate = (now: Date = new Date()): string => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------------
// The calendar and its error

export const CALENDAR_YEAR_MISSING = 'CALENDAR_YEAR_MISSING';

/** A computation needed a year the calendar does not hold (as complete). HTTP 422. */
export class CalendarYearMissingError extends BusinessRule {
  constructor(public readonly year: number) {
    super(CALENDAR_YEAR_MISSING, `${year} 年的工作日历尚未导入，无法计算期限，请联系管理员导入`, { year });
  }
}

/** What the deadline arithmetic needs. `isWorkday` throws CalendarYearMissingError for an unknown year. */
export interface WorkCalendar {
  isWorkday(date: string): boolean;
  hasYear(year: number): boolean;
}

export interface CalendarDayRow {
  date: string;
  kind: string;
}

/** A calendar over per-year maps (date → kind), as the service caches them. */
export function calendarOfYears(years: ReadonlyMap<number, ReadonlyMap<string, string>>): WorkCalendar {
  return {
    hasYear: (year) => years.has(year),
    isWorkday(date) {
      const days = years.get(yearOf(date));
      const kind = days?.get(date);
      if (kind === undefined) {
        if (!isIsoDate(date)) throw invalidDate(date);
        // A complete year without this date's row cannot happen through the service; still: no guess.
        throw new CalendarYearMissingError(yearOf(date));
      }
      return kind === 'workday';
    },
  };
}

/** A calendar from day rows; only the rows of `completeYears` count (an incomplete year is unknown). */
export function buildWorkCalendar(rows: Iterable<CalendarDayRow>, completeYears: Iterable<number>): WorkCalendar {
  const years = new Map<number, Map<string, string>>();
  for (const y of completeYears) years.set(y, new Map());
  for (const r of rows) years.get(yearOf(r.date))?.set(r.date, r.kind);
  return calendarOfYears(years);
}

const invalidDate = (date: string) => new Invalid(`日期“${date}”格式不正确，应为 YYYY-MM-DD`, undefined, 'INVALID_DATE');

function checkDate(date: string): void {
  if (!isIsoDate(date)) throw invalidDate(date);
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new Invalid(`${what}应为不小于 0 的整数`, undefined, 'INVALID_DAYS');
}

// ---------------------------------------------------------------------------------------------------
// Deadline arithmetic

/**
 * The due date of a promise of `n` working days accepted on `acceptedOn`: day 1 is the first working
 * day after the day of acceptance (so acceptance on a weekend or holiday starts on the next working
 * day), the case is due at the end of day n. `n = 0` (即办) is due the same day.
 */
export function addWorkingDays(cal: WorkCalendar, acceptedOn: string, n: number): string {
  checkDate(acceptedOn);
  checkCount(n, '承诺办结时限（工作日）');
  let date = acceptedOn;
  for (let left = n; left > 0; ) {
    date = addDays(date, 1);
    if (cal.isWorkday(date)) left--;
  }
  return date;
}

/** A due date moved by working days spent paused (补正 waiting, 公示, 听证 …): the n-th working day after `due`. */
export function extendByPausedDays(cal: WorkCalendar, due: string, pausedWorkdays: number): string {
  checkDate(due);
  checkCount(pausedWorkdays, '暂停的工作日数');
  let date = due;
  for (let left = pausedWorkdays; left > 0; ) {
    date = addDays(date, 1);
    if (cal.isWorkday(date)) left--;
  }
  return date;
}

/**
 * The number of working days in the half-open interval (from, to]: `from` itself never counts, `to`
 * counts when it is a working day. 0 when from = to; negative (−count of (to, from]) when to < from.
 * So `workdaysBetween(cal, d, addWorkingDays(cal, d, n)) === n`.
 */
export function workdaysBetween(cal: WorkCalendar, from: string, to: string): number {
  checkDate(from);
  checkDate(to);
  if (to < from) return -workdaysBetween(cal, to, from);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkday(d)) count++;
  return count;
}

/**
 * Working days left until the end of the due date: the working days in (today, due]; 0 on the due
 * day. Overdue (today after due) is negative: −(working days in (due, today]), at least −1, so the day
 * right after the due date is −1 even when it is a rest day.
 */
export function remainingWorkdays(cal: WorkCalendar, today: string, due: string): number {
  checkDate(today);
  checkDate(due);
  if (today <= due) return workdaysBetween(cal, today, due);
  return -Math.max(1, workdaysBetween(cal, due, today));
}

// ---------------------------------------------------------------------------------------------------
// Importing a year

export interface ImportDay {
  date: string;
  kind: CalendarKind;
  name?: string | null;
}

export interface FullDay {
  date: string;
  kind: CalendarKind;
  name: string | null;
}

/** One problem of an import: the index of the listed day (−1 = the import as a whole) and its field. */
export interface ImportProblem {
  index: number;
  field: 'date' | 'kind' | 'name' | '';
  message: string;
}

export const cleanName = (name: string | null | undefined): string | null => {
  const n = (name ?? '').trim();
  return n ? n : null;
};

/** The checks of one day (an import's row or an administrator's edit); field → message. */
export function checkDay(day: { date: string; kind: string; name?: string | null }): { field: 'date' | 'kind' | 'name'; message: string }[] {
  const out: { field: 'date' | 'kind' | 'name'; message: string }[] = [];
  if (!isIsoDate(day.date)) out.push({ field: 'date', message: `日期“${day.date}”不正确，应为 YYYY-MM-DD` });
  if (!(CALENDAR_KINDS as readonly string[]).includes(day.kind)) out.push({ field: 'kind', message: `类型“${day.kind}”不正确，应为 工作日、休息日 或 节假日` });
  const name = cleanName(day.name);
  if (name && [...name].length > NAME_MAX) out.push({ field: 'name', message: `名称不能超过 ${NAME_MAX} 个字` });
  if (day.kind === 'holiday' && !name) out.push({ field: 'name', message: '节假日须填写名称（如 春节、国庆节）' });
  return out;
}

/**
 * Checks of a year's import, which lists only the days that differ from an ordinary week — the
 * holidays and the 调休 working weekends of the State Council's notice; every other date defaults to
 * workday (Mon–Fri) or restday (Sat, Sun). An import with no holiday at all is refused: it would be the
 * very guess the calendar exists to avoid.
 */
export function checkYearImport(year: number, days: readonly ImportDay[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    problems.push({ index: -1, field: '', message: `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间` });
    return problems;
  }
  const seen = new Map<string, number>();
  days.forEach((d, index) => {
    for (const p of checkDay(d)) problems.push({ index, ...p });
    if (isIsoDate(d.date)) {
      if (yearOf(d.date) !== year) problems.push({ index, field: 'date', message: `日期 ${d.date} 不属于 ${year} 年` });
      const first = seen.get(d.date);
      if (first !== undefined) problems.push({ index, field: 'date', message: `日期 ${d.date} 重复（与第 ${first + 1} 条相同）` });
      else seen.set(d.date, index);
    }
  });
  if (!days.some((d) => d.kind === 'holiday')) {
    problems.push({ index: -1, field: '', message: `${year} 年的导入没有任何节假日：请按国务院办公厅的放假通知列出节假日和调休上班日` });
  }
  return problems;
}

/** Every date of the year: the listed days as given, the others by default (Mon–Fri work, Sat/Sun rest). */
export function fillYear(year: number, days: readonly ImportDay[]): FullDay[] {
  const listed = new Map(days.map((d) => [d.date, d]));
  return daysOfYear(year).map((date) => {
    const d = listed.get(date);
    return d ? { date, kind: d.kind, name: cleanName(d.name) } : { date, kind: defaultKind(date), name: null };
  });
}

export interface YearCounts {
  workdays: number;
  restdays: number;
  holidays: number;
  /** 调休上班: working Saturdays and Sundays (also counted in workdays). */
  swappedWorkdays: number;
}

export function countYear(days: readonly FullDay[]): YearCounts {
  const c: YearCounts = { workdays: 0, restdays: 0, holidays: 0, swappedWorkdays: 0 };
  for (const d of days) {
    if (d.kind === 'workday') c.workdays++;
    else if (d.kind === 'restday') c.restdays++;
    else c.holidays++;
    if (isSwappedWorkday(d.date, d.kind)) c.swappedWorkdays++;
  }
  return c;
}

// ---------------------------------------------------------------------------------------------------
// The import dialog's lines

export interface LineError {
  line: number;
  message: string;
}

/**
 * Lines as an administrator copies them from the notice: `日期 类型 名称`, separated by spaces, tabs,
 * commas or 、; the date may be a range (`2027-02-05~2027-02-11` or `…至…`) and written 2027/2/5 or
 * 2027年2月5日. Blank lines and lines starting with # are skipped. Example:
 *   2027-01-01 节假日 元旦
 *   2027-02-05~2027-02-11 节假日 春节
 *   2027-02-20 上班 春节
 */
export function parseScheduleLines(text: string): { days: ImportDay[]; errors: LineError[] } {
  const days: ImportDay[] = [];
  const errors: LineError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parts = line
      .replace(/\s*(~|～|至|—|–)\s*/g, '~')
      .split(/[\s,，、;；]+/)
      .filter(Boolean);
    const [datePart, kindPart, ...nameParts] = parts;
    const [fromText, toText] = datePart.split('~');
    const from = normalizeDate(fromText);
    const to = toText === undefined ? from : normalizeDate(toText);
    if (!from || !to) {
      errors.push({ line: i + 1, message: `日期“${datePart}”不正确，应为 YYYY-MM-DD 或 YYYY-MM-DD~YYYY-MM-DD` });
      return;
    }
    if (to < from || toUtc(to) - toUtc(from) > 40 * 86_400_000) {
      errors.push({ line: i + 1, message: `日期范围“${datePart}”不正确（结束早于开始，或超过 40 天）` });
      return;
    }
    const kind = kindPart ? kindFromLabel(kindPart) : undefined;
    if (!kind) {
      errors.push({ line: i + 1, message: `类型“${kindPart ?? ''}”不正确，应为 节假日、上班 或 休息日` });
      return;
    }
    const name = cleanName(nameParts.join(' '));
    for (let d = from; d <= to; d = addDays(d, 1)) days.push({ date: d, kind, name });
  });
  return { days, errors };
}
