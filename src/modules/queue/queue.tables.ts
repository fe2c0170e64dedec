import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/ids.js';
import { cases } from '../cases/cases.tables.js';
import { centers, windows } from '../org/org.tables.js';

/**
 * Halls (取号、叫号、考勤). A center's service categories (业务类别) are what a ticket is taken for;
 * windows take categories by name in their configured order (`windows.categories`). Tickets are
 * numbered per category per day from a locked counter (A001 …). Wait and service times are derived
 * from the ticket's instants, never kept as counters.
 */
export const queueCategories = pgTable(
  'queue_categories',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id').notNull(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id),
    /** The name windows list in `windows.categories` (综合受理, 不动产登记, 社会保障 …). */
    name: text('name').notNull(),
    /** Ticket number prefix: one capital letter (A, B, …), unique in the center. */
    prefix: text('prefix').notNull(),
    /** 限号: tickets a day for this category; null = no cap. */
    dailyCap: integer('daily_cap'),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('queue_categories_center_name_uq').on(t.centerId, t.name), uniqueIndex('queue_categories_center_prefix_uq').on(t.centerId, t.prefix)],
);

/**
 * Hall rules a director configures, per center (policies as data): who gets 绿色通道, recalls before
 * no-show, the appointment no-show block, the planning target, the attendance grace.
 * See queue.rules.ts HallSettings for the shape and defaults.
 */
export const hallSettings = pgTable('hall_settings', {
  centerId: uuid('center_id')
    .primaryKey()
    .references(() => centers.id),
  countyId: uuid('county_id').notNull(),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Daily serial per (center, category, day): the number on the ticket. */
export const queueCounters = pgTable(
  'queue_counters',
  {
    categoryId: uuid('category_id').notNull(),
    serviceDate: date('service_date', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.serviceDate] })],
);

export const queueTickets = pgTable(
  'queue_tickets',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id').notNull(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => queueCategories.id),
    /** Business date (Asia/Shanghai) the ticket is for. */
    serviceDate: date('service_date', { mode: 'string' }).notNull(),
    number: integer('number').notNull(),
    /** Shown and announced: prefix + 3 digits, e.g. A012. */
    code: text('code').notNull(),
    /** kiosk | desk | portal | appointment */
    source: text('source').notNull(),
    /** 绿色通道: called before ordinary tickets of its category. */
    priority: boolean('priority').notNull().default(false),
    /** elderly | disabled | veteran | pregnant | appointment — why it has priority (no personal data). */
    priorityReason: text('priority_reason'),
    /** waiting | called | serving | done | no_show | cancelled */
    status: text('status').notNull(),
    /** Orders the waiting line (reset on transfer and skip, so a skipped ticket goes to the back). */
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    /** A ticket transferred to a particular window waits for that window only. */
    targetWindowId: uuid('target_window_id').references(() => windows.id),
    windowId: uuid('window_id').references(() => windows.id),
    calledAt: timestamp('called_at', { withTimezone: true }),
    calledBy: uuid('called_by'),
    recalls: integer('recalls').notNull().default(0),
    servingAt: timestamp('serving_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The case this visit produced (办件), if any. */
    caseId: uuid('case_id').references(() => cases.id),
    appointmentId: uuid('appointment_id'),
    /** The citizen who took it from the portal (to show "my ticket"); null at the kiosk. */
    userId: uuid('user_id'),
    /** Masked phone for an SMS "your turn is near", if given. */
    note: text('note').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('queue_tickets_number_uq').on(t.categoryId, t.serviceDate, t.number),
    // Call next: the waiting line of a category today, priority first, then by queue time.
    index('queue_tickets_waiting_idx')
      .on(t.categoryId, t.serviceDate, t.priority, t.queuedAt)
      .where(sql`${t.status} = 'waiting'`),
    index('queue_tickets_center_day_idx').on(t.centerId, t.serviceDate),
    index('queue_tickets_window_idx').on(t.windowId, t.serviceDate),
    // 我的排号: a citizen's tickets of the day (re-read on every hall event while they hold one).
    index('queue_tickets_user_day_idx')
      .on(t.userId, t.serviceDate)
      .where(sql`${t.userId} is not null`),
  ],
);

/**
 * Attendance (考勤) and window state: a staff member signed in to a window. One open session per
 * window and per person at a time. A pause (暂停服务) is kept on the session.
 */
export const windowSessions = pgTable(
  'window_sessions',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id').notNull(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id),
    windowId: uuid('window_id')
      .notNull()
      .references(() => windows.id),
    userId: uuid('user_id').notNull(),
    serviceDate: date('service_date', { mode: 'string' }).notNull(),
    signedInAt: timestamp('signed_in_at', { withTimezone: true }).notNull(),
    signedOutAt: timestamp('signed_out_at', { withTimezone: true }),
    /** Set while paused (暂停服务); pauses are summed into pausedSeconds on resume. */
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    pausedSeconds: integer('paused_seconds').notNull().default(0),
    pauseReason: text('pause_reason'),
  },
  (t) => [
    uniqueIndex('window_sessions_open_window_uq').on(t.windowId).where(sql`${t.signedOutAt} is null`),
    uniqueIndex('window_sessions_open_user_uq').on(t.userId).where(sql`${t.signedOutAt} is null`),
    index('window_sessions_center_day_idx').on(t.centerId, t.serviceDate),
  ],
);

/** 排班: who is expected at which window on which weekdays, from when to when (late / absent). */
export const windowRosters = pgTable(
  'window_rosters',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id').notNull(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id),
    windowId: uuid('window_id')
      .notNull()
      .references(() => windows.id),
    userId: uuid('user_id').notNull(),
    /** ISO weekdays 1 (Mon) … 7 (Sun) this line applies to (working days of the calendar only, unless a weekend session is set). */
    weekdays: integer('weekdays').array().notNull(),
    /** 'HH:MM' local time. */
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('window_rosters_center_idx').on(t.centerId)],
);
