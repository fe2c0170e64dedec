import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { TooManyRequests } from '../../platform/errors.js';
import { errors, IdParams, noContent, requireActor, type App } from '../../platform/http.js';
import { hit } from '../../platform/rate-limit.js';
import { readSingleUpload, sendDownload } from '../files/files.http.js';
import {
  ApplicationDetail,
  ApplicationFile,
  ApplicationFileParams,
  ApplicationList,
  ApplicationMaterialParams,
  ApplicationVersionBody,
  CreateApplicationBody,
  SaveApplicationBody,
} from './applications.contract.js';
import * as svc from './applications.service.js';

/** /api/applications: a citizen's online applications (网上申报) — drafts, uploads, submit. Thin. */
export async function applicationsRoutes(app: App, deps: Deps): Promise<void> {
  const ctx = (request: FastifyRequest): svc.ApplicationCtx => ({ actor: requireActor(request), meta: request.meta });
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errors });
  const tags = ['applications'];
  /** Modest per-citizen budgets: a draft or an upload is cheap to ask for and costly to store. */
  const budget = async (req: FastifyRequest, what: 'create' | 'upload') => {
    const c = ctx(req);
    const [limit, window] = what === 'create' ? [30, 3600] : [120, 600];
    const r = await hit(deps.db, `application.${what}:${c.actor.userId}`, limit, window);
    if (!r.allowed) throw new TooManyRequests(what === 'create' ? '新建申报过于频繁，请稍后再试' : '上传过于频繁，请稍后再试', r.retryAfterSeconds);
    return c;
  };

  app.post('/', { schema: { tags, summary: '新建网上申报草稿（同一事项已有草稿时继续该草稿）', body: CreateApplicationBody, response: ok(ApplicationDetail) } }, async (req) =>
    svc.createApplication(deps, await budget(req, 'create'), req.body),
  );
  app.get('/', { schema: { tags, summary: '我的申报（草稿和已提交，最新在前）', response: ok(ApplicationList) } }, async (req) => svc.listApplications(deps, ctx(req)));
  app.get('/:id', { schema: { tags, summary: '申报详情（材料清单、已上传文件、表单）', params: IdParams, response: ok(ApplicationDetail) } }, async (req) =>
    svc.getApplicationDetail(deps, ctx(req), req.params.id),
  );
  app.put('/:id', { schema: { tags, summary: '保存草稿（须带 version）', params: IdParams, body: SaveApplicationBody, response: ok(ApplicationDetail) } }, async (req) =>
    svc.saveApplication(deps, ctx(req), req.params.id, req.body),
  );
  app.delete('/:id', { schema: { tags, summary: '删除草稿（连同已上传的文件）', params: IdParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await svc.discardApplication(deps, ctx(req), req.params.id);
    return noContent(reply);
  });
  app.post(
    '/:id/materials/:key/files',
    {
      schema: {
        tags,
        summary: '上传申报材料（multipart：file；照片或扫描件，按内容识别类型，≤10 MB，每项材料最多10个文件）',
        consumes: ['multipart/form-data'],
        params: ApplicationMaterialParams,
        response: ok(ApplicationFile),
      },
    },
    async (req) => {
      const c = await budget(req, 'upload');
      const { name, content } = await readSingleUpload(req);
      return svc.addFile(deps, c, req.params.id, req.params.key, name, content);
    },
  );
  app.get('/:id/files/:fileId', { schema: { tags, summary: '下载已上传的申报材料（仅本人）', params: ApplicationFileParams, response: errors } }, async (req, reply) => {
    const f = await svc.applicationFile(deps, ctx(req), req.params.id, req.params.fileId);
    return sendDownload(reply as FastifyReply, f, { inline: true });
  });
  app.delete('/:id/files/:fileId', { schema: { tags, summary: '删除已上传的申报材料', params: ApplicationFileParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await svc.removeFile(deps, ctx(req), req.params.id, req.params.fileId);
    return noContent(reply);
  });
  app.post(
    '/:id/submit',
    { schema: { tags, summary: '提交申报（须带 Idempotency-Key 请求头；同一 key 重试返回同一结果）', params: IdParams, body: ApplicationVersionBody, response: ok(ApplicationDetail) } },
    async (req) => {
      const key = req.headers['idempotency-key'];
      return svc.submitApplication(deps, ctx(req), req.params.id, req.body.version, typeof key === 'string' ? key : undefined);
    },
  );
  app.post('/:id/refresh', { schema: { tags, summary: '按最新版办事指南更新草稿（保留仍在清单中的材料文件）', params: IdParams, body: ApplicationVersionBody, response: ok(ApplicationDetail) } }, async (req) =>
    svc.refreshApplication(deps, ctx(req), req.params.id, req.body.version),
  );
}
