import { bigint, customType, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/ids.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Uploaded files (blank forms, filled samples; later case materials). Stored in the database so every
 * app instance serves the same files and a backup holds them; never under the web root, never by
 * their uploaded name. `purpose` says which route may serve them and to whom.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    countyId: uuid('county_id'),
    /** catalog_form: blank form or sample of a catalog item (public once uploaded; must hold no personal data). */
    purpose: text('purpose').notNull(),
    /** Display name (sanitised), used in Content-Disposition only. */
    name: text('name').notNull(),
    /** MIME type detected from the content (magic bytes), never the client's claim. */
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** SM3 of the content, hex. */
    sha: text('sha').notNull(),
    content: bytea('content').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('files_sha_idx').on(t.sha)],
);
