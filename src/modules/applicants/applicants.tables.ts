import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/ids.js';

/**
 * Applicants (申请人): people identified by their ID number (GB 11643) and enterprises by their unified
 * social credit code (GB 32100). Found again when they come back; personal data encrypted (SM4) with a
 * keyed SM3 index for lookup, masked copies for screens. A citizen account may be linked (userId).
 */
export const applicants = pgTable(
  'applicants',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    kind: text('kind').notNull(), // person | enterprise
    name: text('name').notNull(),
    idNumberEnc: text('id_number_enc'),
    idNumberIdx: text('id_number_idx'),
    idNumberMasked: text('id_number_masked'),
    /** Enterprises: the credit code is public registration data, stored as is. */
    creditCode: text('credit_code'),
    /** Enterprises: the legal representative or the agent handling it. */
    contactName: text('contact_name'),
    phoneEnc: text('phone_enc'),
    phoneIdx: text('phone_idx'),
    phoneMasked: text('phone_masked'),
    address: text('address').notNull().default(''),
    userId: uuid('user_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('applicants_id_number_uq').on(t.idNumberIdx).where(sql`${t.idNumberIdx} is not null`),
    uniqueIndex('applicants_credit_code_uq').on(t.creditCode).where(sql`${t.creditCode} is not null`),
    index('applicants_user_idx').on(t.userId),
  ],
);
