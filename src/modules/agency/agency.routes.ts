import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { TooManyRequests } from '../../platform/errors.js';
import { errors, IdParams, requireActor, type App } from '../../platform/http.js';
import { hit } from '../../platform/rate-limit.js';
import { sendXlsx } from '../../platform/xlsx.js';
import { batchData, readUploadBatch, sendDownload } from '../files/files.http.js';
import {
  AgencyItemList,
  AgencyItemsQuery,
  AgentDetail,
  AgentList,
  AgentParams,
  AgentsQuery,
  AgentTrainingParams,
  CancelBody,
  HandoverData,
  Ledger,
  LedgerQuery,
  ListMandatesQuery,
  MandateData,
  MandateDetail,
  MandateFileParams,
  MandateList,
  MandateSyncResult,
  SubmitBody,
  TrainingBody,
} from './agency.contract.js';
import { ledgerTitle, renderLedgerPdf, renderLedgerXlsx } from './agency.ledger.js';
import * as svc from './agency.service.js';

/** /api/agency: the village agent's matters (offline sync), agents and trainings, the ledger. Thin. */
export async function agencyRoutes(app: App, deps: Deps): Promise<void> {
  const ctx = (request: FastifyRequest): svc.AgencyCtx => ({ actor: requireActor(request), meta: request.meta });
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errors });
  const tags = ['agency'];

  app.get('/items', { schema: { tags, summary: '代办事项清单（村便民服务室及其上级镇、县的可代办事项，含材料，供离线缓存）', querystring: AgencyItemsQuery, response: ok(AgencyItemList) } }, async (req) =>
    svc.agencyItems(deps, ctx(req), req.query.villageCenterId),
  );

  app.post(
    '/mandates',
    {
      schema: {
        tags,
        summary: '登记代办事项并提交（离线同步）：multipart，data=MandateData，文件 consent（委托书图片，必须一份）与 material:<材料编码>；同一 clientId 重试返回同一事项',
        consumes: ['multipart/form-data'],
        response: ok(MandateSyncResult),
      },
    },
    async (req) => {
      const c = ctx(req);
      const batch = await readUploadBatch(req);
      return svc.registerMandate(deps, c, batchData(batch, MandateData), batch.files);
    },
  );
  app.get('/mandates', { schema: { tags, summary: '代办事项列表（按收件日期倒序；可按村、代办员、状态、逾期筛选）', querystring: ListMandatesQuery, response: ok(MandateList) } }, async (req) =>
    svc.listMandates(deps, ctx(req), req.query),
  );
  app.get('/mandates/:id', { schema: { tags, summary: '代办事项详情（办件状态、期限、一次性告知、可执行操作）', params: IdParams, response: ok(MandateDetail) } }, async (req) =>
    svc.getMandateDetail(deps, ctx(req), req.params.id),
  );
  app.get('/mandates/:id/files/:fileId', { schema: { tags, summary: '下载代办事项的委托书、材料照片或领取确认', params: MandateFileParams, response: errors } }, async (req, reply) => {
    const f = await svc.mandateFile(deps, ctx(req), req.params.id, req.params.fileId);
    return sendDownload(reply as FastifyReply, f);
  });
  app.post('/mandates/:id/submit', { schema: { tags, summary: '提交已登记的代办事项（生成办件）', params: IdParams, body: SubmitBody, response: ok(MandateDetail) } }, async (req) =>
    svc.submitMandate(deps, ctx(req), req.params.id, req.body),
  );
  app.post('/mandates/:id/cancel', { schema: { tags, summary: '取消尚未提交的代办事项', params: IdParams, body: CancelBody, response: ok(MandateDetail) } }, async (req) =>
    svc.cancelMandate(deps, ctx(req), req.params.id, req.body),
  );
  app.post(
    '/mandates/:id/handover',
    {
      schema: {
        tags,
        summary: '将办理结果交给申请人：multipart，data=HandoverData，文件 confirmation（手写签名或照片）',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: ok(MandateDetail),
      },
    },
    async (req) => {
      const c = ctx(req);
      const batch = await readUploadBatch(req);
      return svc.handOver(deps, c, req.params.id, batchData(batch, HandoverData), batch.files);
    },
  );

  app.get('/agents', { schema: { tags, summary: '辖区各村代办员（本月代办、逾期、移交件数，今年培训学时）', querystring: AgentsQuery, response: ok(AgentList) } }, async (req) =>
    svc.listAgents(deps, ctx(req), req.query),
  );
  app.get('/agents/:userId', { schema: { tags, summary: '代办员详情与培训记录', params: AgentParams, response: ok(AgentDetail) } }, async (req) => svc.getAgent(deps, ctx(req), req.params.userId));
  app.post('/agents/:userId/trainings', { schema: { tags, summary: '登记代办员培训', params: AgentParams, body: TrainingBody, response: ok(AgentDetail) } }, async (req) =>
    svc.addTraining(deps, ctx(req), req.params.userId, req.body),
  );
  app.delete('/agents/:userId/trainings/:trainingId', { schema: { tags, summary: '删除代办员培训记录', params: AgentTrainingParams, response: ok(AgentDetail) } }, async (req) =>
    svc.removeTraining(deps, ctx(req), req.params.userId, req.params.trainingId),
  );

  app.get('/ledger', { schema: { tags, summary: '代办台账（按月，按收件日期）', querystring: LedgerQuery, response: ok(Ledger) } }, async (req) => svc.ledger(deps, ctx(req), req.query));
  app.get('/ledger.xlsx', { schema: { tags, summary: '导出代办台账（Excel）', querystring: LedgerQuery, response: errors } }, async (req, reply) => {
    const l = await svc.ledgerForExport(deps, ctx(req), req.query, 'xlsx');
    return sendXlsx(reply as FastifyReply, await renderLedgerXlsx(l), `${ledgerTitle(l)}.xlsx`, `agency-ledger-${l.month}.xlsx`);
  });
  app.get('/ledger.pdf', { schema: { tags, summary: '打印代办台账（A4 横版，代办员、村负责人签字）', querystring: LedgerQuery, response: errors } }, async (req, reply) => {
    const r = await hit(deps.db, `pdf:${req.ip}`, 60, 60);
    if (!r.allowed) throw new TooManyRequests('打印过于频繁，请稍后再试', r.retryAfterSeconds);
    const l = await svc.ledgerForExport(deps, ctx(req), req.query, 'pdf');
    return sendDownload(reply as FastifyReply, { mime: 'application/pdf', name: `${ledgerTitle(l)}.pdf`, content: await renderLedgerPdf(l) }, { inline: true });
  });
}
