import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/ids.js';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** Administrative region tree: province → city → county → township (乡镇/街道) → village (村/社区). */
export const regions = pgTable(
  'regions',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    parentId: uuid('parent_id'),
    /** null for levels above a county; the county itself carries its own id. */
    countyId: uuid('county_id'),
    level: text('level').notNull(),
    /** 12-digit administrative division code (行政区划代码). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Materialised path of ids, `/rootId/…/thisId/`, for subtree scope checks by prefix. */
    path: text('path').notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('regions_code_uq').on(t.code),
    index('regions_parent_idx').on(t.parentId),
    index('regions_path_idx').on(sql`${t.path} text_pattern_ops`),
  ],
);

/** Service centers: county hall (政务服务中心), township hall (便民服务中心), village room (便民服务室). */
export const centers = pgTable(
  'centers',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    regionId: uuid('region_id').notNull().references(() => regions.id),
    countyId: uuid('county_id').notNull(),
    level: text('level').notNull(), // county | township | village
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    hours: text('hours').notNull().default(''),
    phone: text('phone').notNull().default(''),
    complaintPhone: text('complaint_phone').notNull().default(''),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('centers_region_name_uq').on(t.regionId, t.name), index('centers_county_idx').on(t.countyId)],
);

/** Windows (窗口) of a center: comprehensive (综合受理, 一窗受理) or a sector window. */
export const windows = pgTable(
  'windows',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    centerId: uuid('center_id').notNull().references(() => centers.id),
    countyId: uuid('county_id').notNull(),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(), // comprehensive | sector
    sector: text('sector'), // 不动产, 社会保障, 商事, 投资建设, 税务 ... when kind = sector
    /** Service categories this window takes, in calling order. */
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    dailyCap: integer('daily_cap'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('windows_center_number_uq').on(t.centerId, t.number)],
);

/** Departments and stations (部门, 站所) owned by a region (usually the county or a township). */
export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    regionId: uuid('region_id').notNull().references(() => regions.id),
    countyId: uuid('county_id').notNull(),
    kind: text('kind').notNull(), // department | station
    name: text('name').notNull(),
    shortName: text('short_name').notNull(), // 民政, 人社, 医保 ...
    /** Unified social credit code (统一社会信用代码, GB 32100), used in implementation codes. */
    creditCode: text('credit_code'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('departments_region_name_uq').on(t.regionId, t.name)],
);

/** A department stationed (进驻) at a center. */
export const stationings = pgTable(
  'stationings',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    centerId: uuid('center_id').notNull().references(() => centers.id),
    countyId: uuid('county_id').notNull(),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('stationings_dept_center_uq').on(t.departmentId, t.centerId)],
);

/** Staff working for a stationed department at that center. */
export const stationingStaff = pgTable(
  'stationing_staff',
  {
    stationingId: uuid('stationing_id').notNull().references(() => stationings.id),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('stationing_staff_uq').on(t.stationingId, t.userId)],
);
