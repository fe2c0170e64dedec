import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/ids.js';
import { applicants } from '../applicants/applicants.tables.js';
import { catalogItems } from '../catalog/catalog.tables.js';
import { cases } from '../cases/cases.tables.js';
import { centers } from '../org/org.tables.js';

/**
 * Village agency (全程代办). A mandate (代办委托) is one matter a village agent takes on for a villager:
 * the villager's written consent, the materials photographed in the village room, the submission to the
 * township or county (which creates the case, channel `agent`), and the hand-over of the result with the
 * villager's confirmation. Agents are staff accounts holding the village_agent role at a village room.
 */
export const agencyMandates = pgTable(
  'agency_mandates',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id').notNull(),
    /** The village service room (代办点) of the agent. */
    villageCenterId: uuid('village_center_id')
      .notNull()
      .references(() => centers.id),
    agentId: uuid('agent_id').notNull(),
    agentName: text('agent_name').notNull(),
    /** Id made on the agent's device for this matter: a retried offline sync finds it again. */
    clientId: uuid('client_id').notNull(),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => applicants.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => catalogItems.id),
    itemName: text('item_name').notNull(),
    /**
     * Written consent to act for the villager (委托书): how it was given, the file, the statement shown,
     * and the guide version of the matter consented to (the material list photographed against).
     */
    consent: jsonb('consent').$type<{ method: 'signature' | 'photo'; fileId: string; statement: string; signedAt: string; itemVersion: number }>().notNull(),
    notes: text('notes').notNull().default(''),
    /** registered | submitted | handed_over | cancelled */
    status: text('status').notNull(),
    /** When the agent collected the materials (device time, never later than the server's receipt). */
    collectedAt: timestamp('collected_at', { withTimezone: true }).notNull(),
    collectedOn: date('collected_on', { mode: 'string' }).notNull(),
    /** The materials must reach the township by the end of this working day (AGENCY_DELIVER_WORKDAYS). */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedOn: date('submitted_on', { mode: 'string' }),
    handedOverAt: timestamp('handed_over_at', { withTimezone: true }),
    /** The villager's confirmation of receiving the result: signature drawn on screen or a photo. */
    handover: jsonb('handover').$type<{ method: 'signature' | 'photo'; fileId: string; receiver: string; note: string }>(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('agency_mandates_client_uq').on(t.agentId, t.clientId),
    index('agency_mandates_village_idx').on(t.villageCenterId, t.collectedOn),
    index('agency_mandates_agent_idx').on(t.agentId, t.collectedOn),
    index('agency_mandates_open_due_idx').on(t.dueOn).where(sql`${t.status} = 'registered'`),
    index('agency_mandates_case_idx').on(t.caseId),
  ],
);

/** Photos / scans of a mandate's materials, by the item version's material key. */
export const agencyMandateFiles = pgTable(
  'agency_mandate_files',
  {
    mandateId: uuid('mandate_id')
      .notNull()
      .references(() => agencyMandates.id),
    materialKey: text('material_key').notNull(),
    fileId: uuid('file_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.mandateId, t.fileId] })],
);

/** Training records of village agents (培训记录), kept by township staff. */
export const agentTrainings = pgTable(
  'agent_trainings',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id').notNull(),
    agentId: uuid('agent_id').notNull(),
    title: text('title').notNull(),
    trainedOn: date('trained_on', { mode: 'string' }).notNull(),
    /** Length in hours (0.5 steps stored as tenths: 15 = 1.5 h). */
    hoursTenths: integer('hours_tenths').notNull(),
    organizer: text('organizer').notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agent_trainings_agent_idx').on(t.agentId, t.trainedOn)],
);
