import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { errors, IdParams, requireActor, type App } from '../../platform/http.js';
import { hit } from '../../platform/rate-limit.js';
import { TooManyRequests } from '../../platform/errors.js';
import {
  AcceptBody,
  ApplicantLookup,
  ApplicantLookupBody,
  CaseDetail,
  CaseList,
  CompleteTaskBody,
  CorrectBody,
  CreateCaseBody,
  DecideBody,
  DeliverBody,
  DeliveryPreferenceBody,
  CorrectionAnswerData,
  InboxCounts,
  ListCasesQuery,
  MaterialParams,
  NoticeParams,
  FileParams,
  ReasonBody,
  RejectBody,
  SuspendBody,
  TaskParams,
  TrackBody,
  TrackResponse,
  VersionBody,
  ZeroHandling,
  ZeroHandlingQuery,
} from './cases.contract.js';
import { renderNotice } from './cases.notices.js';
import * as svc from './cases.service.js';
import { batchData, filesByPrefix, readSingleUpload, readUploadBatch, sendDownload } from '../files/files.http.js';
import { UploadedFile } from '../catalog/catalog.contract.js';

/** /api/cases: window acceptance, review, decision, delivery, inbox, tracking. Thin. */
export async function casesRoutes(app: App, deps: Deps): Promise<void> {
  const ctx = (request: FastifyRequest): svc.CaseCtx => ({ actor: requireActor(request), meta: request.meta });
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errors });
  const tags = ['cases'];

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: '收件并受理 / 一次性告知 / 不予受理（窗口）；支持 Idempotency-Key 请求头',
        body: CreateCaseBody,
        response: ok(CaseDetail),
      },
    },
    async (req) => {
      const key = req.headers['idempotency-key'];
      return svc.createCase(deps, ctx(req), req.body, typeof key === 'string' ? key : undefined);
    },
  );
  app.get('/', { schema: { tags, summary: '办件列表（我的待办 / 本部门 / 本中心；按期限排序）', querystring: ListCasesQuery, response: ok(CaseList) } }, async (req) =>
    svc.listCases(deps, ctx(req), req.query),
  );
  app.get('/counts', { schema: { tags, summary: '待办计数', response: ok(InboxCounts) } }, async (req) => svc.inboxCounts(deps, ctx(req)));
  app.get('/mine', { schema: { tags, summary: '我的办件（群众）', response: ok(CaseList) } }, async (req) => svc.myCases(deps, ctx(req)));
  app.get('/zero-handling', { schema: { tags, summary: '零办理事项（期间内无办件的已发布事项）', querystring: ZeroHandlingQuery, response: ok(ZeroHandling) } }, async (req) =>
    svc.zeroHandling(deps, ctx(req), req.query),
  );
  app.post('/applicants/lookup', { schema: { tags, summary: '按身份证号或统一社会信用代码查找申请人（窗口）', body: ApplicantLookupBody, response: ok(ApplicantLookup) } }, async (req) =>
    svc.lookupApplicant(deps, ctx(req), req.body),
  );
  app.post('/track', { schema: { tags, summary: '办件进度查询（办件编号 + 申请人姓名或证件号后4位）', body: TrackBody, response: ok(TrackResponse) } }, async (req) => {
    const r = await hit(deps.db, `track:${req.ip}`, 30, 60);
    if (!r.allowed) throw new TooManyRequests('查询过于频繁，请稍后再试', r.retryAfterSeconds);
    return svc.track(deps, req.body.caseNo, req.body.proof);
  });
  app.get('/:id', { schema: { tags, summary: '办件详情（时间线、材料、审查任务、期限、可执行操作）', params: IdParams, response: ok(CaseDetail) } }, async (req) =>
    svc.getCaseDetail(deps, ctx(req), req.params.id),
  );
  app.get('/:id/notices/:kind.pdf', { schema: { tags, summary: '打印文书（受理通知书、一次性告知书、不予受理通知书、决定书、送达回证）', params: NoticeParams, response: errors } }, async (req, reply) => {
    const r = await hit(deps.db, `pdf:${req.ip}`, 60, 60);
    if (!r.allowed) throw new TooManyRequests('打印过于频繁，请稍后再试', r.retryAfterSeconds);
    const { pdf, name } = await renderNotice(deps, ctx(req), req.params.id, req.params.kind, `${req.protocol}://${req.host}`);
    return sendDownload(reply as FastifyReply, { mime: 'application/pdf', name, content: pdf }, { inline: true });
  });
  app.post(
    '/:id/files',
    { schema: { tags, summary: '上传办件附件或现场勘验照片（multipart：file；PDF/Word/Excel/图片，≤10 MB）', consumes: ['multipart/form-data'], params: IdParams, response: ok(UploadedFile) } },
    async (req) => {
      const c = ctx(req);
      const { name, content } = await readSingleUpload(req);
      return svc.attachFile(deps, c, req.params.id, name, content);
    },
  );
  app.get('/:id/files/:fileId', { schema: { tags, summary: '下载办件附件', params: FileParams, response: errors } }, async (req, reply) => {
    const f = await svc.caseFile(deps, ctx(req), req.params.id, req.params.fileId);
    return sendDownload(reply as FastifyReply, f);
  });
  app.post('/:id/accept', { schema: { tags, summary: '受理（补正后）', params: IdParams, body: AcceptBody, response: ok(CaseDetail) } }, async (req) =>
    svc.accept(deps, ctx(req), req.params.id, req.body),
  );
  app.post('/:id/correct', { schema: { tags, summary: '一次性告知补正', params: IdParams, body: CorrectBody, response: ok(CaseDetail) } }, async (req) =>
    svc.requestCorrection(deps, ctx(req), req.params.id, req.body),
  );
  app.post('/:id/reject', { schema: { tags, summary: '不予受理', params: IdParams, body: RejectBody, response: ok(CaseDetail) } }, async (req) =>
    svc.reject(deps, ctx(req), req.params.id, req.body),
  );
  app.post('/:id/materials/:key/supply', { schema: { tags, summary: '容缺材料补交', params: MaterialParams, body: VersionBody, response: ok(CaseDetail) } }, async (req) =>
    svc.supplyMaterial(deps, ctx(req), req.params.id, req.params.key, req.body.version),
  );
  app.post('/:id/tasks/:taskId/claim', { schema: { tags, summary: '认领审查任务', params: TaskParams, body: VersionBody, response: ok(CaseDetail) } }, async (req) =>
    svc.claimTask(deps, ctx(req), req.params.id, req.params.taskId, req.body.version),
  );
  app.post('/:id/tasks/:taskId/complete', { schema: { tags, summary: '提交审查意见（通过 / 退回）', params: TaskParams, body: CompleteTaskBody, response: ok(CaseDetail) } }, async (req) =>
    svc.completeTask(deps, ctx(req), req.params.id, req.params.taskId, req.body),
  );
  app.post('/:id/suspend', { schema: { tags, summary: '挂起（特别程序，暂停计时）', params: IdParams, body: SuspendBody, response: ok(CaseDetail) } }, async (req) =>
    svc.suspend(deps, ctx(req), req.params.id, req.body),
  );
  app.post('/:id/resume', { schema: { tags, summary: '恢复办理（期限顺延）', params: IdParams, body: VersionBody, response: ok(CaseDetail) } }, async (req) =>
    svc.resume(deps, ctx(req), req.params.id, req.body.version),
  );
  app.post('/:id/decide', { schema: { tags, summary: '作出决定（准予 / 不予）并办结', params: IdParams, body: DecideBody, response: ok(CaseDetail) } }, async (req) =>
    svc.decide(deps, ctx(req), req.params.id, req.body),
  );
  app.post('/:id/deliver', { schema: { tags, summary: '送达（窗口领取 / 邮寄 / 电子）', params: IdParams, body: DeliverBody, response: ok(CaseDetail) } }, async (req) =>
    svc.deliver(deps, ctx(req), req.params.id, req.body),
  );
  app.post('/:id/return', { schema: { tags, summary: '退件', params: IdParams, body: ReasonBody, response: ok(CaseDetail) } }, async (req) =>
    svc.returnCase(deps, ctx(req), req.params.id, req.body.version, req.body.reason),
  );
  app.post(
    '/:id/corrections',
    {
      schema: {
        tags,
        summary: '补正材料（答复一次性告知）：multipart，data={version,note}，文件字段 material:<材料编码>',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: ok(CaseDetail),
      },
    },
    async (req) => {
      const batch = await readUploadBatch(req);
      const data = batchData(batch, CorrectionAnswerData);
      return svc.answerCorrection(deps, ctx(req), req.params.id, { ...data, files: filesByPrefix(batch, 'material:') });
    },
  );
  app.put('/:id/delivery-preference', { schema: { tags, summary: '选择送达方式（申请人 / 代办员）', params: IdParams, body: DeliveryPreferenceBody, response: ok(CaseDetail) } }, async (req) =>
    svc.setDeliveryPreference(deps, ctx(req), req.params.id, req.body),
  );
  app.post('/:id/withdraw', { schema: { tags, summary: '撤回申请', params: IdParams, body: ReasonBody, response: ok(CaseDetail) } }, async (req) =>
    svc.withdraw(deps, ctx(req), req.params.id, req.body.version, req.body.reason),
  );
}
