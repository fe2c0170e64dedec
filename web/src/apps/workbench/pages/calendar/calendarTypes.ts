/** API shapes of /api/calendar, inferred from the server's contract (type-only: no zod in the bundle). */
import type { z } from 'zod';
import type * as C from '../../../../../../src/modules/calendar/calendar.contract';

export type CalendarDay = C.CalendarDay;
export type YearStatus = C.YearStatus;
export type YearsResponse = C.YearsResponse;
export type YearResponse = C.YearResponse;
export type CalendarImportReport = C.ImportReport;
export type CalendarImportBody = z.input<typeof C.ImportBody>;

export {
  CALENDAR_KIND_LABELS,
  CALENDAR_SOURCE_LABELS,
  isoWeekday,
  parseScheduleLines,
  type CalendarKind,
  type ImportDay,
} from '../../../../../../src/modules/calendar/calendar.rules';
