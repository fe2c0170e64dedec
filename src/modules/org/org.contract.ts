import { z } from 'zod';
import { DryRunQuery, ImportErrorRow } from '../../platform/import-contract.js';
import { CENTER_LEVELS, REGION_LEVELS, ROLES } from '../../platform/roles.js';
import { validateCreditCode, validateIdNumber } from '../validate/validate.rules.js';
import { DEPARTMENT_KINDS, MOBILE_RE, normalizeUsername, SERVICE_PHONE_RE, USERNAME_RE, WINDOW_KINDS } from './org.rules.js';

/**
 * Request and response schemas of /api/org. Responses are allowlists: the server maps rows onto
 * these shapes and the serializer drops anything else. `web/` imports this file.
 */

// ---------------------------------------------------------------------------------------------------
// Building blocks

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不能超过${max}个字`);
const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过${max}个字`);

export const Uuid = z.uuid({ message: '编号格式不正确' });
export const RegionLevel = z.enum(REGION_LEVELS);
export const CenterLevel = z.enum(CENTER_LEVELS);
export const WindowKind = z.enum(WINDOW_KINDS);
export const DepartmentKind = z.enum(DEPARTMENT_KINDS);
export const RegionCode = z.string().trim().regex(/^\d{12}$/, '区划代码应为12位数字');
/** Landline, mobile or short service number; empty allowed. */
export const ServicePhone = z
  .string()
  .trim()
  .max(30)
  .refine((v) => v === '' || SERVICE_PHONE_RE.test(v), '电话号码格式不正确（如 0311-86012345、13812345678 或 12345）');
export const Mobile = z.string().trim().regex(MOBILE_RE, '手机号码应为11位，以13-19开头');
export const IdNumber = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const r = validateIdNumber(v);
    if (!r.valid) ctx.addIssue({ code: 'custom', message: r.reason ?? '身份证号码不正确' });
  });
export const CreditCode = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const r = validateCreditCode(v);
    if (!r.valid) ctx.addIssue({ code: 'custom', message: r.reason ?? '统一社会信用代码不正确' });
  });
export const Username = z
  .string()
  .transform(normalizeUsername)
  .pipe(z.string().regex(USERNAME_RE, '用户名应为 3-32 位小写字母、数字、点、下划线或连字符，以字母开头'));
const Version = z.number().int().min(1);
const Cursor = z.string().max(200).optional();
const Limit = z.coerce.number().int().min(1).max(500).default(100);
/** `?includeInactive=true`; inactive records are hidden by default. */
const BoolQuery = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');
const Timestamp = z.string();

/** Optional `{version}` on deactivate/reactivate: when given, a stale version is a 409. */
export const StateChangeBody = z.object({ version: Version.optional() }).optional();

/** Actions the caller may take on the object (e.g. `update`, `deactivate`, `window.create`). */
const Abilities = z.array(z.string());

// ---------------------------------------------------------------------------------------------------
// Regions

export const RegionSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: RegionLevel,
  active: z.boolean(),
});
export type RegionSummary = z.infer<typeof RegionSummary>;

export const Region = RegionSummary.extend({
  parentId: z.string().nullable(),
  countyId: z.string().nullable(),
  version: z.number().int(),
  updatedAt: Timestamp,
});
export type Region = z.infer<typeof Region>;

export const CenterSummary = z.object({
  id: z.string(),
  name: z.string(),
  level: CenterLevel,
  active: z.boolean(),
});
export type CenterSummary = z.infer<typeof CenterSummary>;

export const RegionDetail = Region.extend({
  /** Ancestors from the top of the caller's scope down to the parent (breadcrumb). */
  ancestors: z.array(RegionSummary),
  childCount: z.number().int(),
  centers: z.array(CenterSummary),
  abilities: Abilities,
});
export type RegionDetail = z.infer<typeof RegionDetail>;

export interface TreeNode {
  id: string;
  code: string;
  name: string;
  level: (typeof REGION_LEVELS)[number];
  active: boolean;
  parentId: string | null;
  centers: CenterSummary[];
  children: TreeNode[];
}
export const TreeNode: z.ZodType<TreeNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    level: RegionLevel,
    active: z.boolean(),
    parentId: z.string().nullable(),
    centers: z.array(CenterSummary),
    children: z.array(TreeNode),
  }),
);
export const TreeResponse = z.object({ roots: z.array(TreeNode) });
export const TreeQuery = z.object({ includeInactive: BoolQuery });

export const ListRegionsQuery = z.object({
  parentId: Uuid.optional(),
  level: RegionLevel.optional(),
  q: z.string().trim().max(50).optional(),
  includeInactive: BoolQuery,
  cursor: Cursor,
  limit: Limit,
});
export const RegionList = z.object({ items: z.array(Region), nextCursor: z.string().nullable() });

export const CreateRegionBody = z.object({
  parentId: Uuid.nullable().default(null),
  level: RegionLevel,
  code: RegionCode,
  name: text(50, '区划名称'),
});
export type CreateRegionBody = z.infer<typeof CreateRegionBody>;

export const UpdateRegionBody = z.object({
  version: Version,
  code: RegionCode.optional(),
  name: text(50, '区划名称').optional(),
});
export type UpdateRegionBody = z.infer<typeof UpdateRegionBody>;

// ---------------------------------------------------------------------------------------------------
// Centers and windows

export const Window = z.object({
  id: z.string(),
  centerId: z.string(),
  number: z.number().int(),
  name: z.string(),
  kind: WindowKind,
  sector: z.string().nullable(),
  categories: z.array(z.string()),
  dailyCap: z.number().int().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: Timestamp,
});
export type Window = z.infer<typeof Window>;

export const Center = CenterSummary.extend({
  regionId: z.string(),
  regionName: z.string(),
  regionCode: z.string(),
  countyId: z.string(),
  address: z.string(),
  hours: z.string(),
  phone: z.string(),
  complaintPhone: z.string(),
  version: z.number().int(),
  updatedAt: Timestamp,
});
export type Center = z.infer<typeof Center>;

export const StaffSummary = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
});
export type StaffSummary = z.infer<typeof StaffSummary>;

export const DepartmentSummary = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: DepartmentKind,
  active: z.boolean(),
});

export const Stationing = z.object({
  id: z.string(),
  active: z.boolean(),
  department: DepartmentSummary,
  center: CenterSummary,
  staff: z.array(StaffSummary),
  updatedAt: Timestamp,
});
export type Stationing = z.infer<typeof Stationing>;

export const CenterDetail = Center.extend({
  windows: z.array(Window),
  stationings: z.array(Stationing),
  abilities: Abilities,
});
export type CenterDetail = z.infer<typeof CenterDetail>;

export const ListCentersQuery = z.object({
  regionId: Uuid.optional(),
  level: CenterLevel.optional(),
  q: z.string().trim().max(50).optional(),
  includeInactive: BoolQuery,
  cursor: Cursor,
  limit: Limit,
});
/** List rows carry the caller's abilities on each row, so the UI shows only buttons that work. */
export const CenterList = z.object({ items: z.array(Center.extend({ abilities: Abilities })), nextCursor: z.string().nullable() });

const centerFields = {
  address: optionalText(200, '地址'),
  hours: optionalText(200, '办公时间'),
  phone: ServicePhone,
  complaintPhone: ServicePhone,
};
export const CreateCenterBody = z.object({
  regionId: Uuid,
  name: text(60, '中心名称'),
  address: centerFields.address.default(''),
  hours: centerFields.hours.default(''),
  phone: centerFields.phone.default(''),
  complaintPhone: centerFields.complaintPhone.default(''),
});
export type CreateCenterBody = z.infer<typeof CreateCenterBody>;

export const UpdateCenterBody = z.object({
  version: Version,
  name: text(60, '中心名称').optional(),
  address: centerFields.address.optional(),
  hours: centerFields.hours.optional(),
  phone: centerFields.phone.optional(),
  complaintPhone: centerFields.complaintPhone.optional(),
});
export type UpdateCenterBody = z.infer<typeof UpdateCenterBody>;

const Categories = z.array(text(30, '业务类别')).max(30, '业务类别最多30个');
const Sector = z.string().trim().max(20, '所属领域不能超过20个字').nullable();
const DailyCap = z.number().int().min(1, '每日限号至少为1').max(2000, '每日限号不能超过2000').nullable();

export const CreateWindowBody = z.object({
  number: z.number().int().min(1, '窗口号应为正整数').max(999, '窗口号不能超过999'),
  name: text(30, '窗口名称'),
  kind: WindowKind,
  sector: Sector.default(null),
  categories: Categories.default([]),
  dailyCap: DailyCap.default(null),
});
export type CreateWindowBody = z.infer<typeof CreateWindowBody>;

export const UpdateWindowBody = z.object({
  version: Version,
  number: z.number().int().min(1).max(999).optional(),
  name: text(30, '窗口名称').optional(),
  kind: WindowKind.optional(),
  sector: Sector.optional(),
  categories: Categories.optional(),
  dailyCap: DailyCap.optional(),
});
export type UpdateWindowBody = z.infer<typeof UpdateWindowBody>;

// ---------------------------------------------------------------------------------------------------
// Departments and stationings

export const Department = DepartmentSummary.extend({
  regionId: z.string(),
  regionName: z.string(),
  countyId: z.string(),
  creditCode: z.string().nullable(),
  version: z.number().int(),
  updatedAt: Timestamp,
});
export type Department = z.infer<typeof Department>;

export const DepartmentDetail = Department.extend({
  stationings: z.array(Stationing),
  abilities: Abilities,
});

export const ListDepartmentsQuery = z.object({
  regionId: Uuid.optional(),
  centerId: Uuid.optional(),
  kind: DepartmentKind.optional(),
  q: z.string().trim().max(50).optional(),
  includeInactive: BoolQuery,
  cursor: Cursor,
  limit: Limit,
});
export const DepartmentList = z.object({ items: z.array(Department.extend({ abilities: Abilities })), nextCursor: z.string().nullable() });

export const CreateDepartmentBody = z.object({
  regionId: Uuid,
  kind: DepartmentKind,
  name: text(60, '部门名称'),
  shortName: text(20, '部门简称'),
  creditCode: CreditCode.nullable().default(null),
});
export type CreateDepartmentBody = z.infer<typeof CreateDepartmentBody>;

export const UpdateDepartmentBody = z.object({
  version: Version,
  name: text(60, '部门名称').optional(),
  shortName: text(20, '部门简称').optional(),
  creditCode: CreditCode.nullable().optional(),
});
export type UpdateDepartmentBody = z.infer<typeof UpdateDepartmentBody>;

const StaffIds = z.array(Uuid).max(200, '人员最多200名');
export const CreateStationingBody = z.object({ departmentId: Uuid, staffIds: StaffIds.default([]) });
export type CreateStationingBody = z.infer<typeof CreateStationingBody>;
export const UpdateStationingBody = z.object({ staffIds: StaffIds });
export type UpdateStationingBody = z.infer<typeof UpdateStationingBody>;

// ---------------------------------------------------------------------------------------------------
// Staff

export const RoleGrantView = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  scopeType: z.enum(['region', 'center']).nullable(),
  scopeId: z.string().nullable(),
  scopeName: z.string().nullable(),
});

/** A staff account. Never the full ID number or phone: only the masked copies. */
export const Staff = StaffSummary.extend({
  phoneMasked: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  homeRegionId: z.string().nullable(),
  homeRegionName: z.string().nullable(),
  countyId: z.string().nullable(),
  mustChangePassword: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: Timestamp.nullable(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Active role grants, read-only here (granted by the security administrator). */
  roles: z.array(RoleGrantView),
});
export type Staff = z.infer<typeof Staff>;
export const StaffDetail = Staff.extend({
  stationings: z.array(z.object({ id: z.string(), department: DepartmentSummary, center: CenterSummary, active: z.boolean() })),
  abilities: Abilities,
});
export type StaffDetail = z.infer<typeof StaffDetail>;

export const ListStaffQuery = z.object({
  regionId: Uuid.optional(),
  departmentId: Uuid.optional(),
  /** Name or username fragment; a full ID number or mobile is matched exactly through its index. */
  q: z.string().trim().max(50).optional(),
  includeInactive: BoolQuery,
  cursor: Cursor,
  limit: Limit,
});
export const StaffList = z.object({ items: z.array(Staff.extend({ abilities: Abilities })), nextCursor: z.string().nullable() });

export const CreateStaffBody = z.object({
  username: Username,
  displayName: text(30, '姓名'),
  phone: Mobile,
  idNumber: IdNumber,
  homeRegionId: Uuid,
  departmentId: Uuid.nullable().default(null),
  /** Initial password; the account must change it at first login. */
  password: z.string().min(1, '请设置初始密码').max(128),
});
export type CreateStaffBody = z.infer<typeof CreateStaffBody>;

export const UpdateStaffBody = z.object({
  version: Version,
  displayName: text(30, '姓名').optional(),
  phone: Mobile.optional(),
  idNumber: IdNumber.optional(),
  homeRegionId: Uuid.optional(),
  departmentId: Uuid.nullable().optional(),
});
export type UpdateStaffBody = z.infer<typeof UpdateStaffBody>;

export const ResetPasswordBody = z.object({ password: z.string().min(1, '请输入新密码').max(128) });

// ---------------------------------------------------------------------------------------------------
// Excel import / export

export const ImportQuery = DryRunQuery;

export const ImportError = ImportErrorRow;
export type ImportError = z.infer<typeof ImportError>;

const Counts = z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() });
export const ImportReport = z.object({
  valid: z.boolean(),
  dryRun: z.boolean(),
  /** True when the changes were saved (valid and not a dry run). */
  saved: z.boolean(),
  errors: z.array(ImportError),
  summary: z.object({ regions: Counts, centers: Counts, staff: Counts }),
});
export type ImportReport = z.infer<typeof ImportReport>;
