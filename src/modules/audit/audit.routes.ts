import type { Deps } from '../../platform/deps.js';
import { AUDIT_ACTIONS } from '../../platform/audit.js';
import { errors, requireActor, type App } from '../../platform/http.js';
import { requireAbility } from '../../platform/policy.js';
import { ActionList, AuditPage, AuditQuery, ChainReportResponse } from './audit.contract.js';
import * as service from './audit.service.js';

const tags = ['audit'];

/** Audit administrator (审计管理员): read, export and verify the audit log. */
export async function auditRoutes(app: App, deps: Deps): Promise<void> {
  app.get('/events', { schema: { tags, summary: '审计日志查询', querystring: AuditQuery, response: { 200: AuditPage, ...errors } } }, async (request) =>
    service.listEvents(deps, requireActor(request), request.query),
  );

  app.get('/events/export', { schema: { tags, summary: '导出审计日志（Excel）', querystring: AuditQuery } }, async (request, reply) => {
    const buf = await service.exportEvents(deps, requireActor(request), request.meta, request.query);
    const name = encodeURIComponent(`审计日志-${new Date().toISOString().slice(0, 10)}.xlsx`);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="audit.xlsx"; filename*=UTF-8''${name}`)
      .send(buf);
  });

  app.post('/verify', { schema: { tags, summary: '校验审计哈希链（SM3）', response: { 200: ChainReportResponse, ...errors } } }, async (request) =>
    service.verify(deps, requireActor(request), request.meta),
  );

  app.get('/actions', { schema: { tags, summary: '审计事件类型', response: { 200: ActionList, ...errors } } }, async (request) => {
    requireAbility(requireActor(request), 'read', 'audit_log');
    return Object.entries(AUDIT_ACTIONS).map(([action, label]) => ({ action, label }));
  });
}
