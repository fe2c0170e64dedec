import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { errors, IdParams, requireActor, type App } from '../../platform/http.js';
import { AnswerBody, AskableCenters, AskBody, CloseBody, Consultation, ConsultationCounts, ConsultationList, PublishedQaList, PublishedQuery, StaffListQuery, VersionBody } from './consultations.contract.js';
import * as svc from './consultations.service.js';

/** /api/consultations: citizens ask, staff of the asked center answer, answers go to an item's FAQ. Thin. */
export async function consultationsRoutes(app: App, deps: Deps): Promise<void> {
  const ctx = (request: FastifyRequest): svc.ConsultationCtx => ({ actor: requireActor(request), meta: request.meta });
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errors });
  const tags = ['consultations'];

  app.post('/', { schema: { tags, summary: '提出咨询（关于事项或服务中心；每人每小时最多10条）', body: AskBody, response: ok(Consultation) } }, async (req) =>
    svc.ask(deps, ctx(req), req.body),
  );
  app.get('/mine', { schema: { tags, summary: '我的咨询（群众）', response: ok(ConsultationList) } }, async (req) => svc.mine(deps, ctx(req)));
  app.get('/published', { schema: { tags, summary: '事项的公开问答（常见问题，提问人姓名脱敏）', querystring: PublishedQuery, response: ok(PublishedQaList) } }, async (req) =>
    svc.publishedOfItem(deps, req.query.itemId),
  );
  app.get('/centers', { schema: { tags, summary: '可直接咨询的服务中心（县、乡镇）', response: ok(AskableCenters) } }, async () => svc.askableCenters(deps));
  app.get('/counts', { schema: { tags, summary: '咨询计数（待答复 / 已答复 / 已关闭，限本辖区）', querystring: z.object({ centerId: z.uuid().optional() }), response: ok(ConsultationCounts) } }, async (req) =>
    svc.counts(deps, ctx(req), req.query),
  );
  app.get('/', { schema: { tags, summary: '咨询列表（工作人员，限本辖区服务中心）', querystring: StaffListQuery, response: ok(ConsultationList) } }, async (req) =>
    svc.staffList(deps, ctx(req), req.query),
  );
  app.get('/:id', { schema: { tags, summary: '咨询详情（提问人本人或该中心工作人员）', params: IdParams, response: ok(Consultation) } }, async (req) =>
    svc.getOne(deps, ctx(req), req.params.id),
  );
  app.post('/:id/answer', { schema: { tags, summary: '答复咨询（可修改答复；通知提问人）', params: IdParams, body: AnswerBody, response: ok(Consultation) } }, async (req) =>
    svc.answer(deps, ctx(req), req.params.id, req.body),
  );
  app.post('/:id/publish', { schema: { tags, summary: '公开到事项的常见问题（仅已答复且关联事项）', params: IdParams, body: VersionBody, response: ok(Consultation) } }, async (req) =>
    svc.publish(deps, ctx(req), req.params.id, req.body.version),
  );
  app.post('/:id/unpublish', { schema: { tags, summary: '取消公开', params: IdParams, body: VersionBody, response: ok(Consultation) } }, async (req) =>
    svc.unpublish(deps, ctx(req), req.params.id, req.body.version),
  );
  app.post('/:id/close', { schema: { tags, summary: '关闭咨询（未答复的重复或无效提问）', params: IdParams, body: CloseBody, response: ok(Consultation) } }, async (req) =>
    svc.close(deps, ctx(req), req.params.id, req.body),
  );
}
