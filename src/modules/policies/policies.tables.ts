import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/ids.js';
import { regions } from '../org/org.tables.js';

/**
 * Policy documents (政策文件, 文件查阅): the library citizens search by topic, issuing body and full
 * text. Published from the workbench by the county or a township; attachments are files.
 */
export const policyDocuments = pgTable(
  'policy_documents',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id').notNull(),
    /** The region that publishes it (county or township): scope for editing. */
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    title: text('title').notNull(),
    /** 文号, e.g. 青政办发〔2026〕12号; may be empty for interpretations (政策解读). */
    docNo: text('doc_no').notNull().default(''),
    /** 发文机关 */
    issuer: text('issuer').notNull(),
    topic: text('topic').notNull(),
    /** notice | regulation | interpretation | guide: see policies.rules.ts DOC_KINDS. */
    kind: text('kind').notNull(),
    publishedOn: date('published_on', { mode: 'string' }),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull(),
    attachments: jsonb('attachments').$type<{ fileId: string; name: string }[]>().notNull(),
    /** Normalised title + doc no + issuer + summary + body, for search. */
    searchText: text('search_text').notNull(),
    /** draft | published | withdrawn */
    status: text('status').notNull(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('policy_documents_county_status_idx').on(t.countyId, t.status, t.publishedOn)],
);
