import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/ids.js';
import { applicants } from '../applicants/applicants.tables.js';
import { catalogItems } from '../catalog/catalog.tables.js';
import { centers, departments } from '../org/org.tables.js';

/**
 * Cases (办件). The row is the aggregate: every action locks it (`FOR UPDATE`) and checks `version`.
 * Business dates (accepted on, due) are Asia/Shanghai calendar dates; instants are timestamptz.
 * Warning and overdue are never stored: they are derived from `due_date` and the calendar.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id').notNull(),
    /** 办件编号: implementation code + yyyymmdd + 4-digit daily serial. */
    caseNo: text('case_no').notNull(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => catalogItems.id),
    /** The catalog version the case was received under (its guide, materials, steps, time limit). */
    itemVersion: integer('item_version').notNull(),
    itemName: text('item_name').notNull(),
    /** Where it was handed in (window, village room for agents). */
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id),
    /** The item's center (decides); differs from centerId for 报批 / cross-level cases. */
    handlingCenterId: uuid('handling_center_id')
      .notNull()
      .references(() => centers.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => applicants.id),
    /** window | online | agent | appointment | post */
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    /** approve | deny, once concluded. */
    decision: text('decision'),
    handlingType: text('handling_type').notNull(),
    promisedDays: integer('promised_days').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    /** Working days the clock was stopped for (special procedures, supplements during review). */
    pausedWorkdays: integer('paused_workdays').notNull().default(0),
    dueDate: date('due_date', { mode: 'string' }),
    concludedAt: timestamp('concluded_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** window | post | electronic */
    deliveryMethod: text('delivery_method'),
    delivery: jsonb('delivery').$type<{ trackingNo?: string; recipient?: string; address?: string; note?: string }>(),
    decisionNo: text('decision_no'),
    decisionText: text('decision_text'),
    decisionReasons: jsonb('decision_reasons').$type<string[]>(),
    decisionBasis: jsonb('decision_basis').$type<string[]>(),
    resultNo: text('result_no'),
    resultFileId: uuid('result_file_id'),
    /** Reasons and basis of 不予受理, or the items of the one-time notice (一次性告知). */
    rejection: jsonb('rejection').$type<{ reasons: string[]; legalBasis: string[] }>(),
    corrections: jsonb('corrections').$type<{ name: string; problem: string; requirement: string }[]>(),
    /** Village agent who took it in (channel agent). */
    agentId: uuid('agent_id'),
    /** How the applicant (or their agent) would like the result delivered; the clerk delivers. */
    deliveryPreference: jsonb('delivery_preference').$type<{ method: 'window' | 'post' | 'electronic' | 'agent'; address?: string }>(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cases_case_no_uq').on(t.caseNo),
    // Inbox and director views: open cases of a center by due date (keyset on due_date, id).
    index('cases_center_status_due_idx').on(t.centerId, t.status, t.dueDate, t.id),
    index('cases_handling_status_due_idx').on(t.handlingCenterId, t.status, t.dueDate, t.id),
    index('cases_department_status_due_idx').on(t.departmentId, t.status, t.dueDate, t.id),
    // The inbox keyset (cases.repo.ts listCases): open cases in the order (due date or far future, id),
    // so a page at any depth is an index range scan, not a sort of every open case.
    index('cases_open_due_idx')
      .on(sql`coalesce(${t.dueDate}, '9999-12-31'::date)`, t.id)
      .where(sql`${t.status} in ('received', 'accepted', 'correcting', 'in_review', 'suspended')`),
    index('cases_applicant_idx').on(t.applicantId, t.receivedAt),
    index('cases_item_idx').on(t.itemId, t.receivedAt),
    index('cases_county_received_idx').on(t.countyId, t.receivedAt),
  ],
);

/** The material checklist of a case, from the item version's materials. */
export const caseMaterials = pgTable(
  'case_materials',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    key: text('key').notNull(),
    name: text('name').notNull(),
    necessity: text('necessity').notNull(),
    /** received | missing | deferred (容缺, promised later) | supplied (a deferred one came in) | not_needed */
    status: text('status').notNull(),
    form: text('form').notNull(),
    copies: integer('copies').notNull().default(0),
    pages: integer('pages'),
    deferredDue: date('deferred_due', { mode: 'string' }),
    suppliedAt: timestamp('supplied_at', { withTimezone: true }),
    note: text('note').notNull().default(''),
    sort: integer('sort').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.key] }), index('case_materials_deferred_idx').on(t.deferredDue).where(sql`${t.status} = 'deferred'`)],
);

/** Review tasks: the item's steps, assigned to departments; parallel steps share a `stage`. */
export const caseTasks = pgTable(
  'case_tasks',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    countyId: uuid('county_id').notNull(),
    stepKey: text('step_key').notNull(),
    name: text('name').notNull(),
    /** Tasks of one stage run in parallel; stage n+1 opens when every task of stage n is done. */
    stage: integer('stage').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    level: text('level').notNull(),
    /** Working days this step may take (its share of the time limit). */
    days: integer('days').notNull(),
    /** waiting | open | claimed | done */
    status: text('status').notNull(),
    /** acceptance | review | decision | delivery: which case action completes it. */
    kind: text('kind').notNull(),
    assigneeId: uuid('assignee_id'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by'),
    /** pass | return */
    outcome: text('outcome'),
    opinion: text('opinion'),
    attachments: jsonb('attachments').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** 现场勘验 record: place, findings, photos (file ids). */
    inspection: jsonb('inspection').$type<{ place: string; findings: string; photos: string[]; inspectedOn: string } | null>(),
  },
  (t) => [
    index('case_tasks_case_idx').on(t.caseId, t.stage),
    index('case_tasks_dept_open_idx').on(t.departmentId, t.status).where(sql`${t.status} in ('open', 'claimed')`),
    index('case_tasks_assignee_idx').on(t.assigneeId, t.status).where(sql`${t.status} = 'claimed'`),
  ],
);

/** Timeline: every action on the case, in order. `public` events are shown to the applicant when tracking. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    /** A sentence the applicant can read (public events) or staff notes. */
    note: text('note').notNull().default(''),
    public: boolean('public').notNull().default(true),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

/** Clock stops (挂起): special procedures and supplements during review. Open while `endedOn` is null. */
export const casePauses = pgTable(
  'case_pauses',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(), // hearing | publicity | expert | inspection | supplement
    reason: text('reason').notNull().default(''),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    workdays: integer('workdays'),
  },
  (t) => [index('case_pauses_case_idx').on(t.caseId)],
);

/** Daily serial per implementation code (the last 4 digits of the case number), a locked counter. */
export const caseCounters = pgTable('case_counters', {
  prefix: text('prefix').primaryKey(),
  last: integer('last').notNull(),
});

/** Idempotency keys of creates: the same key from the same caller returns the first result. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actorId: uuid('actor_id').notNull(),
    key: text('key').notNull(),
    scope: text('scope').notNull(),
    requestHash: text('request_hash').notNull(),
    resultId: uuid('result_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.scope, t.key] })],
);

/** Outbox of messages to applicants: in-app by default; a transport may also send SMS. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    caseId: uuid('case_id').references(() => cases.id),
    applicantId: uuid('applicant_id').references(() => applicants.id),
    userId: uuid('user_id'),
    channel: text('channel').notNull(), // in_app | sms
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull(), // pending | sent | failed
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_pending_idx').on(t.status, t.createdAt).where(sql`${t.status} = 'pending'`), index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/** Files attached to a case (review attachments, 现场勘验 photos): served only to those who may read the case. */
export const caseFiles = pgTable(
  'case_files',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    fileId: uuid('file_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.fileId] })],
);

/**
 * Files handed in for a case's materials: uploaded online, photographed by a village agent, sent in
 * answer to a one-time notice (correction) or scanned at the window. Served only to the case's readers.
 */
export const caseMaterialFiles = pgTable(
  'case_material_files',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    materialKey: text('material_key').notNull(),
    fileId: uuid('file_id').notNull(),
    /** online | agent | correction | window */
    source: text('source').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.fileId] }), index('case_material_files_material_idx').on(t.caseId, t.materialKey)],
);
