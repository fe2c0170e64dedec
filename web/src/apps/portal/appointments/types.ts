/** API shapes of /api/appointments, inferred from the server's contract (type-only). */
import type { z } from 'zod';
import type * as Appointments from '../../../../../src/modules/appointments/appointments.contract';

export type Appointment = z.infer<typeof Appointments.Appointment>;
export type MyAppointments = z.infer<typeof Appointments.MyAppointments>;
export type BookableCenters = z.infer<typeof Appointments.BookableCenters>;
export type Slot = z.infer<typeof Appointments.Slot>;
export type SlotList = z.infer<typeof Appointments.SlotList>;

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
/** '2026-03-03' → '3月3日 周二'. */
export function dayLabel(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${WEEKDAYS[d.getUTCDay()]}`;
}
/** The code in two groups of four, easier to read out at the kiosk. */
export const codeGroups = (code: string): string => `${code.slice(0, 4)} ${code.slice(4)}`;
