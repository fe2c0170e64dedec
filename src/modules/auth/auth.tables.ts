import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { newId } from '../../platform/ids.js';

/**
 * People who sign in: staff and citizens. ID numbers and phones are stored SM4-encrypted with a
 * keyed SM3 index for lookup; they are never stored or logged in clear.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    kind: text('kind').notNull(), // staff | citizen
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    phoneEnc: text('phone_enc'),
    phoneIdx: text('phone_idx'),
    idNumberEnc: text('id_number_enc'),
    idNumberIdx: text('id_number_idx'),
    /** Masked form kept for lists (`110105********002X`); derived once at write time from the clear value. */
    idNumberMasked: text('id_number_masked'),
    phoneMasked: text('phone_masked'),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    totpSecretEnc: text('totp_secret_enc'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    countyId: uuid('county_id'),
    departmentId: uuid('department_id'),
    /** For citizens: the village (or township) they live in; for staff: their home region. */
    homeRegionId: uuid('home_region_id'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    uniqueIndex('users_phone_idx_uq').on(t.phoneIdx),
    uniqueIndex('users_id_number_idx_uq').on(t.idNumberIdx),
    index('users_county_idx').on(t.countyId),
  ],
);

export const passwordHistory = pgTable(
  'password_history',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    userId: uuid('user_id').notNull().references(() => users.id),
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.createdAt)],
);

/** A role held by a user within a scope: a region subtree or one center. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    userId: uuid('user_id').notNull().references(() => users.id),
    role: text('role').notNull(),
    scopeRegionId: uuid('scope_region_id'),
    scopeCenterId: uuid('scope_center_id'),
    grantedBy: uuid('granted_by'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [index('role_grants_user_idx').on(t.userId)],
);

/** Server-side sessions. The cookie carries a random token; only its SM3 hash is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [uniqueIndex('sessions_token_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/** Fixed-window counters for rate limits (login per IP and per account), shared by all instances. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});

/** Security policy, edited by the security admin; one row per key, value validated by its zod schema. */
export const securitySettings = pgTable('security_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});
