import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { Forbidden, TooManyRequests } from '../../platform/errors.js';
import { errors, IdParams, requireActor, type App } from '../../platform/http.js';
import { mayAttempt } from '../../platform/policy.js';
import { hit } from '../../platform/rate-limit.js';
import { readUpload, sendXlsx } from '../../platform/xlsx.js';
import {
  BasicItem,
  BasicItemList,
  BrowseQuery,
  CatalogTree,
  CreateBasicItemBody,
  CreateItemBody,
  DiffQuery,
  DiffResponse,
  ExportQuery,
  Guide,
  GuideQuery,
  ImportQuery,
  ImportReport,
  ItemDetail,
  ItemList,
  LifecycleBody,
  ListBasicItemsQuery,
  ListItemsQuery,
  PublicDepartments,
  PublicItemList,
  PublicRegions,
  SaveDraftBody,
  SearchQuery,
  SearchResponse,
  Topics,
  TopicsQuery,
  UpdateBasicItemBody,
  UploadedFile,
  VersionDetail,
  VersionParams,
} from './catalog.contract.js';
import { buildExport, buildTemplate, IMPORT_MAX_BYTES, importWorkbook } from './catalog.import.js';
import { CatalogSearchIndex } from './catalog.index.js';
import { readSingleUpload, sendDownload } from '../files/files.http.js';
import * as svc from './catalog.service.js';

/** /api/catalog: public guide, lists and search for everyone; /admin/* is the workbench. Thin. */
export async function catalogRoutes(app: App, deps: Deps): Promise<void> {
  const index = new CatalogSearchIndex();
  const ctx = (request: FastifyRequest): svc.CatalogCtx => ({ actor: requireActor(request), meta: request.meta });
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errors });
  const pub = ['catalog (public)'];
  const tags = ['catalog'];
  const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

  /** PDFs cost CPU: a per-IP budget keeps one client from starving the others. */
  const pdfBudget = async (req: FastifyRequest) => {
    const r = await hit(deps.db, `pdf:${req.ip}`, 60, 60);
    if (!r.allowed) throw new TooManyRequests('打印版生成过于频繁，请稍后再试', r.retryAfterSeconds);
  };
  const sendPdf = (reply: FastifyReply, pdf: Buffer, name: string) => sendDownload(reply, { mime: 'application/pdf', name, content: pdf }, { inline: true });

  // --- Public ---------------------------------------------------------------------------------------
  app.get('/regions', { schema: { tags: pub, summary: '可选择的地区（县、乡镇、村）', response: ok(PublicRegions) } }, async () => svc.publicRegions(deps));
  app.get('/topics', { schema: { tags: pub, summary: '主题（人生事件 / 企业生命周期）及事项数', querystring: TopicsQuery, response: ok(Topics) } }, async (req) =>
    svc.publicTopics(deps, req.actor, req.query.regionId),
  );
  app.get('/departments', { schema: { tags: pub, summary: '有已发布事项的部门', querystring: TopicsQuery, response: ok(PublicDepartments) } }, async (req) =>
    svc.publicDepartments(deps, req.actor, req.query.regionId),
  );
  app.get('/items', { schema: { tags: pub, summary: '按层级、主题、部门浏览已发布事项', querystring: BrowseQuery, response: ok(PublicItemList) } }, async (req) =>
    svc.browse(deps, req.actor, req.query),
  );
  app.get('/search', { schema: { tags: pub, summary: '搜索事项（汉字、全拼、首字母、俗称、错一个字）', querystring: SearchQuery, response: ok(SearchResponse) } }, async (req) =>
    svc.search(deps, index, req.actor, req.query),
  );
  app.get('/items/:id', { schema: { tags: pub, summary: '办事指南', params: IdParams, querystring: GuideQuery, response: ok(Guide) } }, async (req) =>
    svc.publicGuide(deps, req.actor, req.params.id, req.query.regionId, req.query.version),
  );
  app.get('/items/:id/guide.pdf', { schema: { tags: pub, summary: '打印版办事指南（PDF）', params: IdParams, querystring: GuideQuery, response: errors } }, async (req, reply) => {
    await pdfBudget(req);
    const { pdf, name } = await svc.publicGuidePdf(deps, req.actor, req.params.id, baseUrl(req), req.query.regionId);
    return sendPdf(reply, pdf, name);
  });
  app.get('/centers/:id/list.pdf', { schema: { tags: pub, summary: '服务中心事项清单（上墙打印版 PDF）', params: IdParams, response: errors } }, async (req, reply) => {
    await pdfBudget(req);
    const { pdf, name } = await svc.centerListPdf(deps, req.params.id, baseUrl(req));
    return sendPdf(reply, pdf, name);
  });
  app.get('/files/:id', { schema: { tags: pub, summary: '下载空白表格或填写示例', params: IdParams, response: errors } }, async (req, reply) => {
    const f = await svc.publicFile(deps, req.params.id);
    // Blank forms and samples are public by purpose: a browser may keep them for an hour.
    return sendDownload(reply as FastifyReply, f, { cache: 'public' });
  });

  // --- Workbench ------------------------------------------------------------------------------------
  app.get('/admin/tree', { schema: { tags, summary: '事项管理：部门树及事项数', response: ok(CatalogTree) } }, async (req) => svc.getTree(deps, ctx(req)));
  app.get('/admin/basic-items', { schema: { tags, summary: '基本目录', querystring: ListBasicItemsQuery, response: ok(BasicItemList) } }, async (req) =>
    svc.listBasicItems(deps, ctx(req), req.query),
  );
  app.post('/admin/basic-items', { schema: { tags, summary: '新建基本目录事项', body: CreateBasicItemBody, response: ok(BasicItem) } }, async (req) =>
    svc.createBasicItem(deps, ctx(req), req.body),
  );
  app.patch('/admin/basic-items/:id', { schema: { tags, summary: '修改基本目录事项（须带 version）', params: IdParams, body: UpdateBasicItemBody, response: ok(BasicItem) } }, async (req) =>
    svc.updateBasicItem(deps, ctx(req), req.params.id, req.body),
  );
  app.get('/admin/items', { schema: { tags, summary: '实施清单（本人管辖范围）', querystring: ListItemsQuery, response: ok(ItemList) } }, async (req) =>
    svc.listItems(deps, ctx(req), req.query),
  );
  app.post('/admin/items', { schema: { tags, summary: '新建实施清单事项（第1版草稿）', body: CreateItemBody, response: ok(ItemDetail) } }, async (req) =>
    svc.createItem(deps, ctx(req), req.body),
  );
  app.get('/admin/items/:id', { schema: { tags, summary: '事项详情（含版本记录）', params: IdParams, response: ok(ItemDetail) } }, async (req) =>
    svc.getItemDetail(deps, ctx(req), req.params.id),
  );
  app.put(
    '/admin/items/:id/draft',
    { schema: { tags, summary: '保存草稿（已发布事项将生成新版本）', params: IdParams, body: SaveDraftBody, response: ok(ItemDetail) } },
    async (req) => svc.saveDraft(deps, ctx(req), req.params.id, req.body.content, req.body.version),
  );
  for (const op of ['submit', 'approve', 'reject', 'withdraw'] as const) {
    const summary = { submit: '提交审核', approve: '审核通过并发布', reject: '退回（须填写意见）', withdraw: '撤回已发布事项（须填写原因）' }[op];
    app.post(`/admin/items/:id/${op}`, { schema: { tags, summary, params: IdParams, body: LifecycleBody, response: ok(ItemDetail) } }, async (req) =>
      svc.lifecycle(deps, ctx(req), req.params.id, op, req.body.version, req.body.comment),
    );
  }
  app.get('/admin/items/:id/versions/:version', { schema: { tags, summary: '某一版本的全部要素', params: VersionParams, response: ok(VersionDetail) } }, async (req) =>
    svc.getVersionDetail(deps, ctx(req), req.params.id, req.params.version),
  );
  app.get('/admin/items/:id/diff', { schema: { tags, summary: '两个版本的差异', params: IdParams, querystring: DiffQuery, response: ok(DiffResponse) } }, async (req) =>
    svc.diffVersions(deps, ctx(req), req.params.id, req.query.from, req.query.to),
  );
  app.get(
    '/admin/items/:id/guide.pdf',
    { schema: { tags, summary: '打印版办事指南预览（任一版本）', params: IdParams, querystring: z.object({ version: z.coerce.number().int().min(1).optional() }), response: errors } },
    async (req, reply) => {
      await pdfBudget(req);
      const { pdf, name } = await svc.previewGuidePdf(deps, ctx(req), req.params.id, baseUrl(req), req.query.version);
      return sendPdf(reply, pdf, name);
    },
  );
  app.post(
    '/admin/files',
    { schema: { tags, summary: '上传空白表格或填写示例（multipart：file；PDF/Word/Excel/图片，≤10 MB）', consumes: ['multipart/form-data'], response: ok(UploadedFile) } },
    async (req) => {
      const c = ctx(req);
      const { name, content } = await readSingleUpload(req);
      return svc.uploadFile(deps, c, name, content);
    },
  );

  // --- Excel import / export ------------------------------------------------------------------------
  app.get('/admin/template.xlsx', { schema: { tags, summary: '下载事项清单导入模板（基本目录 / 实施清单 / 申请材料 / 办理流程）', response: errors } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!mayAttempt(actor, 'import', 'catalog_item')) throw new Forbidden();
    return sendXlsx(reply, await buildTemplate(), '事项清单导入模板.xlsx', 'catalog-template.xlsx');
  });
  app.post(
    '/admin/import',
    {
      schema: {
        tags,
        summary: 'Excel 导入事项清单（multipart：file）；dryRun=true（默认）只校验，全部无误且 dryRun=false 才保存',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: ok(ImportReport),
      },
    },
    async (req) => {
      const c = ctx(req);
      if (!mayAttempt(c.actor, 'import', 'catalog_item')) throw new Forbidden();
      const { file, fileName } = await readUpload(req, IMPORT_MAX_BYTES);
      return importWorkbook(deps, c, file, { dryRun: req.query.dryRun, fileName });
    },
  );
  app.get('/admin/export.xlsx', { schema: { tags, summary: '导出事项清单（本人管辖范围的整个清单或一个服务中心；与导入模板同格式）', querystring: ExportQuery, response: errors } }, async (req, reply) => {
    const { buffer, name } = await buildExport(deps, ctx(req), req.query.centerId);
    return sendXlsx(reply, buffer, name, 'catalog.xlsx');
  });
}
