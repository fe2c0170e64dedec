import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/ids.js';
import { catalogItems } from '../catalog/catalog.tables.js';
import { cases } from '../cases/cases.tables.js';
import { centers } from '../org/org.tables.js';

/**
 * Online applications (网上申报) of signed-in citizens: a draft they fill in over several visits
 * (contact, notes, uploads per material, delivery choice), then submit once (Idempotency-Key) — the
 * submission becomes a case with channel `online`, status received, checked by a clerk like any other.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id').notNull(),
    /** The citizen who applies (for themselves: the applicant is their real-name identity). */
    userId: uuid('user_id').notNull(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => catalogItems.id),
    /** The published version the form was built from; a newer version at submit asks for a re-check. */
    itemVersion: integer('item_version').notNull(),
    itemName: text('item_name').notNull(),
    /** Center the application is handed to (the item's center or a lower center accepting it). */
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id),
    /** draft | submitted | discarded */
    status: text('status').notNull(),
    /** Contact phone, address, notes, delivery choice: see applications.contract.ts ApplicationForm. */
    form: jsonb('form').$type<Record<string, unknown>>().notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('applications_user_idx').on(t.userId, t.updatedAt)],
);

/** Files uploaded against a draft's materials (photos or scans; content-checked, in `files`). */
export const applicationFiles = pgTable(
  'application_files',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    materialKey: text('material_key').notNull(),
    fileId: uuid('file_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.fileId] }), index('application_files_material_idx').on(t.applicationId, t.materialKey)],
);
