import { z } from 'zod';

/** Contracts of the public center directory (服务中心名录), shared with web/. */

const Uuid = z.uuid({ message: '编号格式不正确' });
export const CenterLevel = z.enum(['county', 'township', 'village']);

export const DirectoryQuery = z.object({
  /** The reader's place (any region of the county); without it the signed-in user's home, or the only county. */
  regionId: Uuid.optional(),
  /** Words in the center's name, address or place name. */
  q: z.string().trim().max(30, '搜索词不能超过30个字').optional(),
});
export type DirectoryQuery = z.infer<typeof DirectoryQuery>;

export const DirectoryWindow = z.object({
  number: z.number().int(),
  name: z.string(),
  kind: z.enum(['comprehensive', 'sector']),
  kindLabel: z.string(),
  sector: z.string().nullable(),
  categories: z.array(z.string()),
});

export const ItemCounts = z.object({
  /** 本级办理: items this center implements. */
  own: z.number().int(),
  /** 受理后转: items of the township or county above it that it takes in. */
  accepted: z.number().int(),
  total: z.number().int(),
});

export const DirectoryCenter = z.object({
  id: z.string(),
  name: z.string(),
  level: CenterLevel,
  levelLabel: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  address: z.string(),
  hours: z.string(),
  phone: z.string(),
  complaintPhone: z.string(),
  windows: z.array(DirectoryWindow),
  items: ItemCounts,
});
export type DirectoryCenter = z.infer<typeof DirectoryCenter>;

export const DirectoryGroup = z.object({
  /** `county`, or the township's region id. */
  key: z.string(),
  name: z.string(),
  level: z.enum(['county', 'township']),
  centers: z.array(DirectoryCenter),
});

export const DirectoryResponse = z.object({
  county: z.object({ id: z.string(), name: z.string() }),
  /** Centers listed (after the search). */
  total: z.number().int(),
  groups: z.array(DirectoryGroup),
});
export type DirectoryResponse = z.infer<typeof DirectoryResponse>;

export const DirectoryCenterDetail = DirectoryCenter.extend({
  county: z.object({ id: z.string(), name: z.string() }),
  township: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Departments and stations stationed (进驻) here. */
  departments: z.array(z.object({ name: z.string(), shortName: z.string() })),
  /** The public item list of this center: GET /api/catalog/items?regionId=…&level=… */
  browse: z.object({ regionId: z.string(), level: CenterLevel }),
  /** The printable wall list (上墙清单). */
  listPdfUrl: z.string(),
});
export type DirectoryCenterDetail = z.infer<typeof DirectoryCenterDetail>;
