/** Every role in one place, with its Chinese label. */
export const ROLES = [
  'citizen',
  'village_agent',
  'window_clerk',
  'approver',
  'center_director',
  'supervisor',
  'catalog_admin',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  citizen: '群众',
  village_agent: '代办员',
  window_clerk: '窗口受理员',
  approver: '审批人员',
  center_director: '中心主任',
  supervisor: '监察人员',
  catalog_admin: '事项管理员',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};

/** 三权分立: the three administrator roles; no account holds two, and none is combined with business roles. */
export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];
export const isAdminRole = (r: Role): boolean => ADMIN_ROLES.includes(r);

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  province: '省',
  city: '市',
  county: '县（区）',
  township: '乡镇（街道）',
  village: '村（社区）',
};

export const CENTER_LEVELS = ['county', 'township', 'village'] as const;
export type CenterLevel = (typeof CENTER_LEVELS)[number];
export const CENTER_LEVEL_LABELS: Record<CenterLevel, string> = {
  county: '县级政务服务中心',
  township: '乡镇便民服务中心',
  village: '村便民服务室',
};
