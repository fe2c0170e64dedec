import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { errors, IdParams, requireActor, type App } from '../../platform/http.js';
import { readSingleUpload, sendDownload } from '../files/files.http.js';
import {
  CreatePolicyBody,
  ManagedPolicy,
  ManagedPolicyList,
  ManagePolicyQuery,
  PolicyDetail,
  PolicyFacets,
  PolicyFileParams,
  PolicyList,
  PolicyRegions,
  PublicPolicyQuery,
  PublishPolicyBody,
  UpdatePolicyBody,
  WithdrawPolicyBody,
} from './policies.contract.js';
import * as svc from './policies.service.js';

/** /api/policies: the public library (search, facets, documents, attachments) and the workbench editor. Thin. */
export async function policiesRoutes(app: App, deps: Deps): Promise<void> {
  const ctx = (request: FastifyRequest): svc.PolicyCtx => ({ actor: requireActor(request), meta: request.meta });
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errors });
  const tags = ['policies'];

  // Public ---------------------------------------------------------------------------------------------
  app.get('/', { schema: { tags, summary: '政策文件检索（全文、主题、发文机关、类别；标题命中优先）', querystring: PublicPolicyQuery, response: ok(PolicyList) } }, async (req) =>
    svc.publicList(deps, req.query),
  );
  app.get('/facets', { schema: { tags, summary: '政策文件的主题、发文机关和类别（含数量）', response: ok(PolicyFacets) } }, async () => svc.facets(deps));

  // Workbench (static paths before /:id) ----------------------------------------------------------------
  app.get('/manage', { schema: { tags, summary: '政策文件管理列表（含草稿，限本辖区）', querystring: ManagePolicyQuery, response: ok(ManagedPolicyList) } }, async (req) =>
    svc.manageList(deps, ctx(req), req.query),
  );
  app.get('/manage/regions', { schema: { tags, summary: '可发布政策文件的地区（县、乡镇）', response: ok(PolicyRegions) } }, async (req) => svc.publishingRegions(deps, ctx(req)));
  app.get('/manage/:id', { schema: { tags, summary: '政策文件（编辑用，含草稿）', params: IdParams, response: ok(ManagedPolicy) } }, async (req) =>
    svc.manageDetail(deps, ctx(req), req.params.id),
  );
  app.post('/', { schema: { tags, summary: '新建政策文件（草稿）', body: CreatePolicyBody, response: ok(ManagedPolicy) } }, async (req) => svc.create(deps, ctx(req), req.body));
  app.put('/:id', { schema: { tags, summary: '修改政策文件（草稿或已撤回）', params: IdParams, body: UpdatePolicyBody, response: ok(ManagedPolicy) } }, async (req) =>
    svc.update(deps, ctx(req), req.params.id, req.body),
  );
  app.post('/:id/publish', { schema: { tags, summary: '发布政策文件（发布日期默认今天）', params: IdParams, body: PublishPolicyBody, response: ok(ManagedPolicy) } }, async (req) =>
    svc.publish(deps, ctx(req), req.params.id, req.body),
  );
  app.post('/:id/withdraw', { schema: { tags, summary: '撤回政策文件（需填写原因）', params: IdParams, body: WithdrawPolicyBody, response: ok(ManagedPolicy) } }, async (req) =>
    svc.withdraw(deps, ctx(req), req.params.id, req.body),
  );
  app.post(
    '/:id/files',
    { schema: { tags, summary: '上传附件（multipart：file；PDF/Word/Excel/图片，≤10 MB，按内容识别类型）', consumes: ['multipart/form-data'], params: IdParams, response: ok(ManagedPolicy) } },
    async (req) => {
      const c = ctx(req);
      const { name, content } = await readSingleUpload(req);
      return svc.addAttachment(deps, c, req.params.id, name, content);
    },
  );
  app.delete('/:id/files/:fileId', { schema: { tags, summary: '删除附件', params: PolicyFileParams, response: ok(ManagedPolicy) } }, async (req) =>
    svc.removeAttachment(deps, ctx(req), req.params.id, req.params.fileId),
  );

  // Public document and attachments ---------------------------------------------------------------------
  app.get('/:id', { schema: { tags, summary: '政策文件全文（仅已发布）', params: IdParams, response: ok(PolicyDetail) } }, async (req) => svc.publicDetail(deps, req.params.id));
  app.get('/:id/files/:fileId', { schema: { tags, summary: '下载附件（已发布文件公开；草稿仅限编辑人员）', params: PolicyFileParams, response: errors } }, async (req, reply) => {
    const f = await svc.attachment(deps, req.actor, req.params.id, req.params.fileId);
    return sendDownload(reply as FastifyReply, f, { cache: f.isPublic ? 'public' : 'no-store' });
  });
}
