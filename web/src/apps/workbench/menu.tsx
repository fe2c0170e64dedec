import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  CloudSyncOutlined,
  CloudUploadOutlined,
  CommentOutlined,
  ContactsOutlined,
  ControlOutlined,
  DashboardOutlined,
  NotificationOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FormOutlined,
  HomeOutlined,
  InboxOutlined,
  LineChartOutlined,
  PrinterOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface WorkbenchMenuItem {
  key: string;
  path: string;
  label: string;
  icon: ReactNode;
  /** Shown when the user holds any of these abilities; empty = every staff member. */
  anyOf: string[];
  group?: string;
}

/** The workbench menu as data: each item says which abilities make it visible. */
export const WORKBENCH_MENU: WorkbenchMenuItem[] = [
  { key: 'home', path: '/workbench', label: '首页', icon: <HomeOutlined />, anyOf: [] },
  { key: 'case-window', path: '/workbench/cases/window', label: '窗口受理', icon: <FormOutlined />, anyOf: ['case.create'], group: '办件' },
  { key: 'cases', path: '/workbench/cases', label: '办件待办', icon: <InboxOutlined />, anyOf: ['case.read'], group: '办件' },
  { key: 'case-zero', path: '/workbench/cases/zero-handling', label: '零办理事项', icon: <FieldTimeOutlined />, anyOf: ['case.export'], group: '办件' },
  { key: 'consultations', path: '/workbench/consultations', label: '咨询答复', icon: <CommentOutlined />, anyOf: ['consultation.update', 'consultation.review', 'consultation.read'], group: '群众服务' },
  { key: 'policies', path: '/workbench/policies', label: '政策文件', icon: <FileTextOutlined />, anyOf: ['policy_document.create', 'policy_document.read'], group: '群众服务' },
  { key: 'hall-console', path: '/workbench/hall/console', label: '窗口叫号', icon: <NotificationOutlined />, anyOf: ['queue.update'], group: '服务大厅' },
  { key: 'hall-queue-settings', path: '/workbench/hall/queue-settings', label: '取号规则', icon: <ControlOutlined />, anyOf: ['hall_settings.update'], group: '服务大厅' },
  { key: 'hall-appointments', path: '/workbench/hall/appointments', label: '预约管理', icon: <ScheduleOutlined />, anyOf: ['appointment.create'], group: '服务大厅' },
  { key: 'hall-attendance', path: '/workbench/hall/attendance', label: '考勤', icon: <ClockCircleOutlined />, anyOf: ['window_session.read'], group: '服务大厅' },
  { key: 'hall-load', path: '/workbench/hall/load', label: '窗口负荷', icon: <DashboardOutlined />, anyOf: ['window_session.read'], group: '服务大厅' },
  { key: 'hall-planning', path: '/workbench/hall/planning', label: '窗口测算', icon: <LineChartOutlined />, anyOf: ['window_session.read'], group: '服务大厅' },
  { key: 'agency-mandates', path: '/workbench/agency/mandates', label: '代办件', icon: <FileDoneOutlined />, anyOf: ['agency_mandate.read'], group: '便民代办' },
  { key: 'agency-agents', path: '/workbench/agency/agents', label: '代办员', icon: <ContactsOutlined />, anyOf: ['agent.read'], group: '便民代办' },
  { key: 'agency-ledger', path: '/workbench/agency/ledger', label: '代办台账', icon: <ProfileOutlined />, anyOf: ['agency_mandate.export'], group: '便民代办' },
  { key: 'catalog', path: '/workbench/catalog', label: '事项清单', icon: <UnorderedListOutlined />, anyOf: ['catalog_item.update', 'catalog_item.review', 'catalog_item.export'], group: '事项管理' },
  { key: 'catalog-basic', path: '/workbench/catalog/basic', label: '基本目录', icon: <BookOutlined />, anyOf: ['catalog_basic_item.read'], group: '事项管理' },
  { key: 'catalog-center', path: '/workbench/catalog/center', label: '本中心清单', icon: <PrinterOutlined />, anyOf: ['catalog_item.read'], group: '事项管理' },
  { key: 'catalog-import', path: '/workbench/catalog/import', label: '导入导出', icon: <CloudSyncOutlined />, anyOf: ['catalog_item.import', 'catalog_item.export'], group: '事项管理' },
  { key: 'org', path: '/workbench/org', label: '组织机构', icon: <ApartmentOutlined />, anyOf: ['region.read', 'center.read'], group: '组织管理' },
  { key: 'departments', path: '/workbench/departments', label: '部门站所', icon: <BankOutlined />, anyOf: ['department.read'], group: '组织管理' },
  { key: 'staff', path: '/workbench/staff', label: '工作人员', icon: <TeamOutlined />, anyOf: ['staff.read'], group: '组织管理' },
  { key: 'import', path: '/workbench/import', label: '批量导入', icon: <CloudUploadOutlined />, anyOf: ['center.import', 'region.import'], group: '组织管理' },
  { key: 'calendar', path: '/workbench/calendar', label: '工作日历', icon: <CalendarOutlined />, anyOf: ['calendar.read'], group: '组织管理' },
  { key: 'grants', path: '/workbench/grants', label: '角色授权', icon: <UserSwitchOutlined />, anyOf: ['role_grant.read'], group: '安全管理' },
  { key: 'security', path: '/workbench/security', label: '安全策略', icon: <SafetyCertificateOutlined />, anyOf: ['security_settings.read'], group: '安全管理' },
  { key: 'audit', path: '/workbench/audit', label: '审计日志', icon: <AuditOutlined />, anyOf: ['audit_log.read'], group: '审计' },
];

export function visibleMenu(can: (a: string) => boolean): WorkbenchMenuItem[] {
  return WORKBENCH_MENU.filter((m) => m.anyOf.length === 0 || m.anyOf.some(can));
}

/** The menu key for a location, matching the longest path prefix ('' for pages outside the menu). */
export function selectedKey(pathname: string): string {
  if (pathname === '/workbench' || pathname === '/workbench/') return 'home';
  let best = '';
  let bestLen = 0;
  for (const m of WORKBENCH_MENU) {
    if (m.path === '/workbench') continue;
    if ((pathname === m.path || pathname.startsWith(`${m.path}/`)) && m.path.length > bestLen) {
      best = m.key;
      bestLen = m.path.length;
    }
  }
  return best;
}
