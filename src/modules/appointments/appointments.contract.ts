import { z } from 'zod';
import { APPOINTMENT_STATUSES, SESSION_KINDS } from './appointments.rules.js';

/**
 * Request and response schemas of /api/appointments (预约). Responses are allowlists: the public slot
 * list has counts only; staff lists show masked names and never the booking code (the code is what
 * checks a person in at the kiosk). `web/` imports this file.
 */

const Uuid = z.uuid({ message: '编号格式不正确' });
const Version = z.number().int().min(1);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');

export const SessionKind = z.enum(SESSION_KINDS);
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES);

// ---------------------------------------------------------------------------------------------------
// Sessions (时段模板), directors

export const SessionBody = z.object({
  centerId: Uuid,
  categoryId: Uuid,
  kind: SessionKind,
  weekdays: z.array(z.number().int().min(1).max(7)).min(1, '请选择星期').max(7),
  startsAt: Hhmm,
  endsAt: Hhmm,
  slotMinutes: z.number().int().min(5, '每个时段至少5分钟').max(240, '每个时段不超过240分钟'),
  capacity: z.number().int().min(1, '每个时段至少可约1人').max(200, '每个时段最多可约200人'),
  active: z.boolean().default(true),
});
export type SessionBody = z.infer<typeof SessionBody>;
export const SessionUpdateBody = SessionBody.omit({ centerId: true }).extend({ version: Version });
export type SessionUpdateBody = z.infer<typeof SessionUpdateBody>;

export const Session = z.object({
  id: z.string(),
  centerId: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  kind: SessionKind,
  kindLabel: z.string(),
  weekdays: z.array(z.number().int()),
  startsAt: z.string(),
  endsAt: z.string(),
  slotMinutes: z.number().int(),
  capacity: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Session = z.infer<typeof Session>;

export const CenterQuery = z.object({ centerId: Uuid });
export const Category = z.object({ id: z.string(), name: z.string() });
export const SessionList = z.object({ items: z.array(Session), categories: z.array(Category) });
export type SessionList = z.infer<typeof SessionList>;

/** Centers the caller manages appointments of. */
export const ManagedCenters = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) });

// ---------------------------------------------------------------------------------------------------
// Public: where and when one can book

export const BookableCenters = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), level: z.string(), regionId: z.string(), address: z.string(), categories: z.array(Category) })),
});
export type BookableCenters = z.infer<typeof BookableCenters>;

export const SlotsQuery = z.object({ centerId: Uuid, categoryId: Uuid, from: Day.optional(), to: Day.optional() });
export const Slot = z.object({
  id: z.string(),
  day: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  kind: SessionKind,
  capacity: z.number().int(),
  available: z.number().int(),
});
export type Slot = z.infer<typeof Slot>;
export const SlotList = z.object({ items: z.array(Slot), days: z.array(z.string()) });
export type SlotList = z.infer<typeof SlotList>;
/** The first day (YYYY-MM-DD) with a free place of a category, or null: what the kiosk offers when a category's numbers are gone. */
export const NextFreeDayQuery = z.object({ centerId: Uuid, categoryId: Uuid });
export const NextFreeDay = z.object({ day: z.string().nullable() });
export type NextFreeDay = z.infer<typeof NextFreeDay>;

// ---------------------------------------------------------------------------------------------------
// Citizens

export const BookBody = z.object({ slotId: Uuid, itemId: Uuid.optional() });
export const ChangeBody = z.object({ slotId: Uuid, version: Version });
export const VersionBody = z.object({ version: Version });

export const Appointment = z.object({
  id: z.string(),
  code: z.string(),
  status: AppointmentStatus,
  statusLabel: z.string(),
  centerId: z.string(),
  centerName: z.string(),
  centerAddress: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  itemName: z.string().nullable(),
  slotId: z.string(),
  day: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  checkInOpens: z.string(),
  checkInCloses: z.string(),
  /** Change and cancel are possible (booked, the slot has not started). */
  changeable: z.boolean(),
  ticketCode: z.string().nullable(),
  version: z.number().int(),
});
export type Appointment = z.infer<typeof Appointment>;
export const MyAppointments = z.object({
  items: z.array(Appointment),
  /** The no-show block (爽约限制): booking is possible again from this day. */
  blockedUntil: z.string().nullable(),
});
export type MyAppointments = z.infer<typeof MyAppointments>;

// ---------------------------------------------------------------------------------------------------
// Kiosk check-in (public, no personal data in the answer)

export const CheckInBody = z.object({
  code: z.string().trim().min(1, '请输入预约码').max(20, '预约码为8位'),
  /** The hall the kiosk stands in: a booking of another hall is refused. */
  centerId: Uuid.optional(),
});
export const CheckInResult = z.object({
  ticketCode: z.string(),
  categoryName: z.string(),
  centerName: z.string(),
  peopleAhead: z.number().int(),
  priority: z.boolean(),
  day: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type CheckInResult = z.infer<typeof CheckInResult>;

// ---------------------------------------------------------------------------------------------------
// Staff: a day's bookings

export const DayQuery = z.object({ centerId: Uuid, day: Day.optional() });
export const DayBooking = z.object({
  id: z.string(),
  categoryName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Masked (刘**). */
  personName: z.string(),
  itemName: z.string().nullable(),
  status: AppointmentStatus,
  statusLabel: z.string(),
  ticketCode: z.string().nullable(),
});
export const DayBookings = z.object({
  day: z.string(),
  items: z.array(DayBooking),
  slots: z.array(z.object({ categoryName: z.string(), startsAt: z.string(), endsAt: z.string(), capacity: z.number().int(), booked: z.number().int() })),
});
export type DayBookings = z.infer<typeof DayBookings>;
