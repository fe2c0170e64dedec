import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { auditLog } from '../modules/audit/audit.tables.js';
import type { Actor, RequestMeta } from './auth-context.js';
import { maskIdNumber, maskPhone, sm3 } from './crypto.js';

/**
 * The audit event catalogue: every action the audit log can hold, with its Chinese label. Screens and
 * exports read labels from here, so a new event type is added in exactly one place.
 */
export const AUDIT_ACTIONS = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.logout': '退出登录',
  'auth.register': '群众注册',
  'auth.password_changed': '修改密码',
  'auth.session_revoked': '注销会话',
  'auth.session_expired': '会话过期',
  'auth.csrf_rejected': 'CSRF 校验失败',
  'auth.rate_limited': '登录限流',
  'permission.denied': '越权访问被拒绝',
  'org.created': '新建组织数据',
  'org.updated': '修改组织数据',
  'org.deactivated': '停用组织数据',
  'org.reactivated': '启用组织数据',
  'org.imported': 'Excel 导入',
  'org.exported': 'Excel 导出',
  'staff.created': '新建工作人员',
  'staff.updated': '修改工作人员',
  'staff.deactivated': '停用工作人员',
  'staff.reactivated': '启用工作人员',
  'staff.password_reset': '重置密码',
  'staff.unlocked': '解锁账号',
  'staff.credentials_reset': '重置管理员凭据',
  'role.granted': '授予角色',
  'role.revoked': '撤销角色',
  'role.grant_refused': '授权被拒绝（三权分立）',
  'security.settings_updated': '修改安全策略',
  'pii.viewed': '查看完整个人信息',
  'audit.exported': '导出审计日志',
  'audit.verified': '校验审计链',
  'catalog.basic_created': '新建基本目录事项',
  'catalog.basic_updated': '修改基本目录事项',
  'catalog.item_created': '新建实施清单事项',
  'catalog.draft_saved': '保存事项草稿',
  'catalog.submitted': '提交事项审核',
  'catalog.approved': '审核通过并发布事项',
  'catalog.rejected': '退回事项草稿',
  'catalog.withdrawn': '撤回已发布事项',
  'catalog.file_uploaded': '上传事项附件',
  'catalog.imported': '事项清单导入',
  'catalog.exported': '事项清单导出',
  'calendar.day_updated': '修改工作日历',
  'calendar.year_imported': '导入工作日历',
  'case.received': '收件',
  'case.accepted': '受理',
  'case.correction_requested': '出具一次性告知书',
  'case.rejected': '不予受理',
  'case.material_supplied': '容缺材料补交',
  'case.task_claimed': '认领审查任务',
  'case.task_completed': '完成审查环节',
  'case.suspended': '挂起',
  'case.resumed': '恢复办理',
  'case.decided': '作出决定',
  'case.delivered': '送达',
  'case.returned': '退件',
  'case.withdrawn': '撤回申请',
  'case.notice_printed': '打印文书',
  'case.file_attached': '上传办件附件',
  'case.corrected': '补正材料',
  'case.delivery_preference': '选择送达方式',
  'application.created': '新建网上申报草稿',
  'application.saved': '保存网上申报草稿',
  'application.file_added': '上传申报材料',
  'application.file_removed': '删除申报材料',
  'application.submitted': '提交网上申报',
  'application.refreshed': '网上申报按新版办事指南更新',
  'application.discarded': '删除网上申报草稿',
  'consultation.asked': '提出咨询',
  'consultation.answered': '答复咨询',
  'consultation.published': '公开咨询到常见问题',
  'consultation.unpublished': '取消公开咨询',
  'consultation.closed': '关闭咨询',
  'policy.created': '新建政策文件',
  'policy.updated': '修改政策文件',
  'policy.published': '发布政策文件',
  'policy.withdrawn': '撤回政策文件',
  'agency.mandate_registered': '代办登记（委托）',
  'agency.mandate_submitted': '代办提交',
  'agency.mandate_cancelled': '取消代办',
  'agency.handed_over': '代办结果移交',
  'agency.training_added': '登记代办员培训',
  'agency.training_removed': '删除代办员培训',
  'agency.ledger_exported': '导出代办台账',
  'queue.category_saved': '保存业务类别',
  'queue.settings_updated': '修改大厅规则',
  'queue.ticket_taken': '取号',
  'queue.ticket_called': '叫号',
  'queue.ticket_recalled': '重呼',
  'queue.ticket_skipped': '过号',
  'queue.ticket_no_show': '未到（过号作废）',
  'queue.ticket_transferred': '转移',
  'queue.ticket_served': '开始办理',
  'queue.ticket_finished': '办理完毕',
  'queue.ticket_linked': '关联办件',
  'queue.ticket_cancelled': '取消取号',
  'attendance.signed_in': '窗口签到',
  'attendance.signed_out': '窗口签退',
  'attendance.paused': '暂停服务',
  'attendance.resumed': '恢复服务',
  'attendance.roster_saved': '保存排班',
  'appointment.session_saved': '保存预约时段',
  'appointment.booked': '预约',
  'appointment.changed': '改约',
  'appointment.cancelled': '取消预约',
  'appointment.checked_in': '预约签到',
  'appointment.no_show': '预约爽约',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** Before/after of the fields a change touched; personal data is masked before it gets here. */
export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

export interface AuditEntry {
  action: AuditAction;
  outcome?: AuditOutcome;
  objectType?: string;
  objectId?: string;
  changes?: FieldChanges;
  details?: Record<string, unknown>;
  countyId?: string | null;
  /** Overrides for events without a session (login failures): who was attempted. */
  actorId?: string | null;
  actorName?: string | null;
  actorRole?: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Stable JSON: object keys sorted at every depth, so a row hashes the same after a jsonb round-trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface HashedFields {
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  changes: unknown;
  details: unknown;
  countyId: string | null;
}

/** hash_n = SM3(hash_{n-1} ‖ canonical(row_n)). Pure, so the verifier and the writer share it. */
export function chainHash(prevHash: string, row: HashedFields): string {
  return sm3(`${prevHash}|${canonicalJson(row)}`);
}

/** A constant lock key: the chain is extended by one transaction at a time, across all instances. */
const CHAIN_LOCK = 7_300_011;

/**
 * Append one audit row inside the caller's transaction. If this fails, the caller's change fails.
 * Call it last in a use case: the chain lock is held from here to commit.
 */
export async function writeAudit(tx: Executor, actor: Actor | null, meta: RequestMeta | null, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const last = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const prevHash = last[0]?.hash ?? GENESIS_HASH;
  const row: HashedFields = {
    at: new Date().toISOString(),
    actorId: entry.actorId !== undefined ? entry.actorId : (actor?.userId ?? null),
    actorName: entry.actorName !== undefined ? entry.actorName : (actor ? `${actor.displayName}(${actor.username})` : null),
    actorRole: entry.actorRole !== undefined ? entry.actorRole : (actor ? [...new Set(actor.grants.map((g) => g.role))].join(',') || null : null),
    ip: meta?.ip ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    outcome: entry.outcome ?? 'success',
    changes: entry.changes ?? null,
    details: entry.details ?? null,
    countyId: entry.countyId ?? actor?.grants.find((g) => g.countyId)?.countyId ?? null,
  };
  await tx.insert(auditLog).values({ ...row, prevHash, hash: chainHash(prevHash, row) });
}

/** Normalise a DB row back to exactly what was hashed. */
export function hashedFieldsOf(r: typeof auditLog.$inferSelect): HashedFields {
  return {
    at: new Date(r.at).toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    actorRole: r.actorRole,
    ip: r.ip,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    outcome: r.outcome,
    changes: r.changes,
    details: r.details,
    countyId: r.countyId,
  };
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: 'hash_mismatch' | 'link_mismatch' | null;
}

/** Walk the whole chain in seq order (in pages) and report the first broken link. */
export async function verifyChain(db: Executor, pageSize = 2000): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(pageSize);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prevHash !== prev) return { ok: false, checked, firstBrokenSeq: r.seq, reason: 'link_mismatch' };
      if (chainHash(r.prevHash, hashedFieldsOf(r)) !== r.hash) return { ok: false, checked, firstBrokenSeq: r.seq, reason: 'hash_mismatch' };
      prev = r.hash;
      lastSeq = r.seq;
      checked++;
    }
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null };
}

/**
 * Compute before/after for the fields that changed. Fields named in `pii` are masked with the given
 * masker so the audit log never holds personal data in clear.
 */
export function diffFields<T extends Record<string, unknown>>(
  before: Partial<T> | null,
  after: Partial<T>,
  fields: readonly (keyof T & string)[],
  pii: Partial<Record<keyof T & string, 'id' | 'phone'>> = {},
): FieldChanges {
  const out: FieldChanges = {};
  for (const f of fields) {
    const b = before ? before[f] : undefined;
    const a = after[f];
    if (a === undefined && before) continue;
    if (canonicalJson(a) === canonicalJson(b)) continue;
    const mask = (v: unknown) => {
      if (typeof v !== 'string' || !pii[f]) return v ?? null;
      return pii[f] === 'id' ? maskIdNumber(v) : maskPhone(v);
    };
    out[f] = { before: mask(b), after: mask(a) };
  }
  return out;
}
