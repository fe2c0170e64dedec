import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/ids.js';
import { centers } from '../org/org.tables.js';
import { queueCategories } from '../queue/queue.tables.js';

/**
 * Appointments (预约). A center's sessions (时段模板) say when a category can be booked — working days,
 * and configured weekend or after-hours sessions — and how many people each slot takes; slots are
 * materialised per day from them. Booking takes a place with a conditional UPDATE (booked < capacity),
 * so concurrent requests never overbook. No-show blocking is derived from past appointments.
 */
export const appointmentSessions = pgTable(
  'appointment_sessions',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id').notNull(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => queueCategories.id),
    /** regular (working days) | weekend (周末) | after_hours (延时服务) */
    kind: text('kind').notNull(),
    /** ISO weekdays 1 … 7 this session runs on. */
    weekdays: integer('weekdays').array().notNull(),
    /** 'HH:MM' local time; the session is cut into slots of slotMinutes. */
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    slotMinutes: integer('slot_minutes').notNull(),
    capacity: integer('capacity').notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('appointment_sessions_center_idx').on(t.centerId)],
);

export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id').notNull(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => queueCategories.id),
    sessionId: uuid('session_id').references(() => appointmentSessions.id),
    day: date('day', { mode: 'string' }).notNull(),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    kind: text('kind').notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
  },
  (t) => [uniqueIndex('appointment_slots_uq').on(t.categoryId, t.day, t.startsAt), index('appointment_slots_center_day_idx').on(t.centerId, t.day)],
);

export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id').notNull(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => queueCategories.id),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => appointmentSlots.id),
    /** The real-name citizen who booked. */
    userId: uuid('user_id').notNull(),
    /** 预约码 shown to the citizen and typed or scanned at the kiosk. */
    code: text('code').notNull(),
    /** The matter they come for (optional). */
    itemId: uuid('item_id'),
    /** booked | cancelled | checked_in | no_show */
    status: text('status').notNull(),
    ticketId: uuid('ticket_id'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('appointments_code_uq').on(t.code),
    // One live booking per person per slot.
    uniqueIndex('appointments_user_slot_uq').on(t.userId, t.slotId).where(sql`${t.status} = 'booked'`),
    index('appointments_user_idx').on(t.userId, t.createdAt),
    index('appointments_slot_idx').on(t.slotId),
  ],
);
