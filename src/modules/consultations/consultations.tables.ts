import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/ids.js';
import { catalogItems } from '../catalog/catalog.tables.js';
import { centers } from '../org/org.tables.js';

/**
 * Consultations (咨询): a citizen asks about an item or a center; staff of that center answer in the
 * workbench; an answered question may be published (公开) and then shows under the item's FAQ.
 */
export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id').notNull(),
    /** The asking citizen. */
    userId: uuid('user_id').notNull(),
    askerName: text('asker_name').notNull(),
    /** The center whose staff answer (the item's center when asked about an item). */
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id),
    itemId: uuid('item_id').references(() => catalogItems.id),
    question: text('question').notNull(),
    /** open | answered | closed */
    status: text('status').notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by'),
    answeredByName: text('answered_by_name'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** Set when published to the item's FAQ (公开); cleared when taken back. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('consultations_center_status_idx').on(t.centerId, t.status, t.createdAt),
    index('consultations_user_idx').on(t.userId, t.createdAt),
    index('consultations_item_published_idx').on(t.itemId, t.publishedAt).where(sql`${t.publishedAt} is not null`),
  ],
);
