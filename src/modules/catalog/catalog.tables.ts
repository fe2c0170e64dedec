import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/ids.js';
import { centers, departments, regions } from '../org/org.tables.js';
import type { ItemContent, LegalBasis } from './catalog.rules.js';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** 基本目录: the basic item of a county (name, 12-digit basic code, type, legal basis, responsible department). */
export const catalogBasicItems = pgTable(
  'catalog_basic_items',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id')
      .notNull()
      .references(() => regions.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    itemType: text('item_type').notNull(),
    legalBasis: jsonb('legal_basis').$type<LegalBasis[]>().notNull(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('catalog_basic_items_code_uq').on(t.countyId, t.code)],
);

/**
 * 实施清单: one implementation of a basic item at a center. The head row holds what lists need; the
 * elements live on versions. `publishedVersion` is what citizens see; `openVersion` is the draft or
 * the version in review (at most one at a time).
 */
export const catalogItems = pgTable(
  'catalog_items',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id').notNull(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id),
    basicItemId: uuid('basic_item_id')
      .notNull()
      .references(() => catalogBasicItems.id),
    /** Implementing department (实施主体). */
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    implementationCode: text('implementation_code').notNull(),
    /** Level of the center (行使层级). */
    level: text('level').notNull(),
    /** Name of the newest version (for workbench lists and sorting). */
    name: text('name').notNull(),
    /** Pinyin of the published name (or the newest one before publication), for 拼音 order in lists. */
    sortKey: text('sort_key').notNull(),
    /** Newest version's state: draft | in_review | published | withdrawn. */
    status: text('status').notNull(),
    publishedVersion: integer('published_version'),
    openVersion: integer('open_version'),
    latestVersion: integer('latest_version').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Optimistic lock of the head (every life-cycle step bumps it). */
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('catalog_items_code_uq').on(t.implementationCode),
    uniqueIndex('catalog_items_center_basic_uq').on(t.centerId, t.basicItemId),
    index('catalog_items_county_status_idx').on(t.countyId, t.status),
    index('catalog_items_dept_idx').on(t.departmentId),
    index('catalog_items_published_idx').on(t.centerId, t.sortKey).where(sql`${t.publishedVersion} is not null`),
  ],
);

/** Immutable once published: a case keeps (item, version) and reads the elements it was accepted under. */
export const catalogItemVersions = pgTable(
  'catalog_item_versions',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => catalogItems.id),
    version: integer('version').notNull(),
    countyId: uuid('county_id').notNull(),
    status: text('status').notNull(),
    content: jsonb('content').$type<ItemContent>().notNull(),
    /** SM3 of the canonical content: an edit or import that changes nothing writes nothing. */
    contentHash: text('content_hash').notNull(),
    createdBy: uuid('created_by'),
    submittedBy: uuid('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawReason: text('withdraw_reason'),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.itemId, t.version] })],
);

/**
 * Per-county catalog generation: bumped in the same transaction as every publish or withdrawal, so each
 * app instance knows when its in-memory search index is stale (one primary-key read per search).
 */
export const catalogGenerations = pgTable('catalog_generations', {
  countyId: uuid('county_id').primaryKey(),
  generation: bigint('generation', { mode: 'number' }).notNull().default(0),
});
