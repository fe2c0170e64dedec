import ExcelJS from 'exceljs';
import { and, desc, eq, gte, ilike, inArray, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Actor, RequestMeta } from '../../platform/auth-context.js';
import { AUDIT_ACTIONS, hashedFieldsOf, verifyChain, writeAudit, type ChainReport } from '../../platform/audit.js';
import { formatCst } from '../../platform/time.js';
import type { Deps } from '../../platform/deps.js';
import { requireAbility, scopeIsEmpty, type QueryScope } from '../../platform/policy.js';
import { regionPathInScope } from '../org/org.repo.js';
import { regions } from '../org/org.tables.js';
import type { AuditFilters } from './audit.contract.js';
import { auditLog } from './audit.tables.js';

type Row = typeof auditLog.$inferSelect;

const OUTCOME_LABELS = { success: '成功', failure: '失败', denied: '拒绝' } as const;

/** Counties inside the caller's scope; audit rows are scoped by county (rows with no county are system-wide). */
async function scopeCounties(db: Executor, scope: QueryScope): Promise<string[] | 'all'> {
  if (scope.all) return 'all';
  if (!scope.regionPaths.length) return [];
  // Audit scope is by county: only subtree grants count (a center grant does not see its county's log).
  const rows = await db
    .select({ id: regions.id })
    .from(regions)
    .where(and(eq(regions.level, 'county'), regionPathInScope(scope, regions.path, false)));
  return rows.map((r) => r.id);
}

function whereOf(f: AuditFilters, counties: string[] | 'all'): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (counties !== 'all') conds.push(counties.length ? or(inArray(auditLog.countyId, counties), isNull(auditLog.countyId)) : isNull(auditLog.countyId));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lte(auditLog.at, f.to));
  if (f.actor) conds.push(ilike(auditLog.actorName, `%${f.actor}%`));
  if (f.action) conds.push(f.action.endsWith('.') ? ilike(auditLog.action, `${f.action}%`) : eq(auditLog.action, f.action));
  if (f.objectType) conds.push(eq(auditLog.objectType, f.objectType));
  if (f.objectId) conds.push(eq(auditLog.objectId, f.objectId));
  if (f.outcome) conds.push(eq(auditLog.outcome, f.outcome));
  if (f.cursor) conds.push(lt(auditLog.seq, f.cursor));
  return and(...conds);
}

const view = (r: Row) => {
  const f = hashedFieldsOf(r);
  return {
    ...f,
    seq: r.seq,
    actionLabel: AUDIT_ACTIONS[r.action as keyof typeof AUDIT_ACTIONS] ?? r.action,
    outcome: f.outcome as 'success' | 'failure' | 'denied',
    changes: (f.changes as Record<string, { before: unknown; after: unknown }> | null) ?? null,
    details: (f.details as Record<string, unknown> | null) ?? null,
  };
};

export async function listEvents(deps: Deps, actor: Actor, f: AuditFilters) {
  const scope = requireAbility(actor, 'read', 'audit_log');
  if (scopeIsEmpty(scope)) return { items: [], nextCursor: null };
  const counties = await scopeCounties(deps.db, scope);
  const rows = await deps.db
    .select()
    .from(auditLog)
    .where(whereOf(f, counties))
    .orderBy(desc(auditLog.seq))
    .limit(f.limit + 1);
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit).map(view);
  return { items, nextCursor: more ? items[items.length - 1].seq : null };
}

export const EXPORT_MAX_ROWS = 50_000;

/** Excel export of the filtered log (newest first); the export itself is audited. */
export async function exportEvents(deps: Deps, actor: Actor, meta: RequestMeta, f: AuditFilters): Promise<Buffer> {
  const scope = requireAbility(actor, 'export', 'audit_log');
  const counties = scopeIsEmpty(scope) ? [] : await scopeCounties(deps.db, scope);
  const wb = new ExcelJS.Workbook();
  wb.creator = '便民服务一体化平台';
  const ws = wb.addWorksheet('审计日志');
  ws.columns = [
    { header: '序号', key: 'seq', width: 10 },
    { header: '时间（北京时间）', key: 'at', width: 20 },
    { header: '操作人', key: 'actorName', width: 24 },
    { header: '角色', key: 'actorRole', width: 18 },
    { header: 'IP', key: 'ip', width: 16 },
    { header: '操作', key: 'actionLabel', width: 18 },
    { header: '操作代码', key: 'action', width: 22 },
    { header: '对象类型', key: 'objectType', width: 14 },
    { header: '对象编号', key: 'objectId', width: 38 },
    { header: '结果', key: 'outcome', width: 8 },
    { header: '变更（前 → 后）', key: 'changes', width: 50 },
    { header: '详情', key: 'details', width: 40 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  let cursor: number | undefined;
  let total = 0;
  while (total < EXPORT_MAX_ROWS) {
    const rows = await deps.db
      .select()
      .from(auditLog)
      .where(whereOf({ ...f, cursor }, counties))
      .orderBy(desc(auditLog.seq))
      .limit(2000);
    if (!rows.length) break;
    for (const r of rows) {
      const v = view(r);
      ws.addRow({
        ...v,
        at: formatCst(new Date(v.at), true),
        outcome: OUTCOME_LABELS[v.outcome],
        changes: v.changes
          ? Object.entries(v.changes)
              .map(([k, c]) => `${k}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`)
              .join('\n')
          : '',
        details: v.details ? JSON.stringify(v.details) : '',
      });
    }
    total += rows.length;
    cursor = rows[rows.length - 1].seq;
  }
  await deps.db.transaction((tx) =>
    writeAudit(tx, actor, meta, { action: 'audit.exported', objectType: 'audit_log', details: { rows: total, filters: { ...f, cursor: undefined } } }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function verify(deps: Deps, actor: Actor, meta: RequestMeta): Promise<ChainReport> {
  requireAbility(actor, 'verify', 'audit_log');
  const report = await verifyChain(deps.db);
  // Recorded after the walk, so the report describes the chain as it was found.
  await deps.db.transaction((tx) =>
    writeAudit(tx, actor, meta, {
      action: 'audit.verified',
      outcome: report.ok ? 'success' : 'failure',
      objectType: 'audit_log',
      details: { ...report },
    }),
  );
  return report;
}
