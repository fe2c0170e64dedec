import type { FastifyRequest } from 'fastify';
import { type z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { Forbidden } from '../../platform/errors.js';
import { errors, IdParams, requireActor, type App } from '../../platform/http.js';
import { mayAttempt } from '../../platform/policy.js';
import { readUpload, sendXlsx } from '../../platform/xlsx.js';
import {
  CenterDetail,
  CenterList,
  CreateCenterBody,
  CreateDepartmentBody,
  CreateRegionBody,
  CreateStaffBody,
  CreateStationingBody,
  CreateWindowBody,
  DepartmentDetail,
  DepartmentList,
  ImportQuery,
  ImportReport,
  ListCentersQuery,
  ListDepartmentsQuery,
  ListRegionsQuery,
  ListStaffQuery,
  RegionDetail,
  RegionList,
  ResetPasswordBody,
  StaffDetail,
  StaffList,
  StateChangeBody,
  Stationing,
  TreeQuery,
  TreeResponse,
  UpdateCenterBody,
  UpdateDepartmentBody,
  UpdateRegionBody,
  UpdateStaffBody,
  UpdateStationingBody,
  UpdateWindowBody,
  Window,
} from './org.contract.js';
import { buildExport, buildTemplate, IMPORT_MAX_BYTES, importWorkbook } from './org.import.js';
import * as svc from './org.service.js';

/** /api/org: regions, centers, windows, departments, stationings, staff, Excel import/export. Thin. */
export async function orgRoutes(app: App, deps: Deps): Promise<void> {
  const ctx = (request: FastifyRequest): svc.OrgCtx => ({ actor: requireActor(request), meta: request.meta });
  const tags = ['org'];
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errors });
  const version = (body: z.infer<typeof StateChangeBody>) => body?.version;

  // --- Regions ------------------------------------------------------------------------------------
  app.get(
    '/tree',
    { schema: { tags, summary: '区划树（含服务中心），仅本人管辖范围', querystring: TreeQuery, response: ok(TreeResponse) } },
    async (req) => svc.getTree(deps, ctx(req), req.query.includeInactive),
  );
  app.get(
    '/regions',
    { schema: { tags, summary: '区划列表（按代码分页）', querystring: ListRegionsQuery, response: ok(RegionList) } },
    async (req) => svc.listRegions(deps, ctx(req), req.query),
  );
  app.get('/regions/:id', { schema: { tags, summary: '区划详情', params: IdParams, response: ok(RegionDetail) } }, async (req) =>
    svc.getRegion(deps, ctx(req), req.params.id),
  );
  app.post('/regions', { schema: { tags, summary: '新建区划', body: CreateRegionBody, response: ok(RegionDetail) } }, async (req) =>
    svc.createRegion(deps, ctx(req), req.body),
  );
  app.patch(
    '/regions/:id',
    { schema: { tags, summary: '修改区划（名称、代码）', params: IdParams, body: UpdateRegionBody, response: ok(RegionDetail) } },
    async (req) => svc.updateRegion(deps, ctx(req), req.params.id, req.body),
  );
  app.post(
    '/regions/:id/deactivate',
    { schema: { tags, summary: '停用区划', params: IdParams, body: StateChangeBody, response: ok(RegionDetail) } },
    async (req) => svc.setRegionActive(deps, ctx(req), req.params.id, false, version(req.body)),
  );
  app.post(
    '/regions/:id/reactivate',
    { schema: { tags, summary: '启用区划', params: IdParams, body: StateChangeBody, response: ok(RegionDetail) } },
    async (req) => svc.setRegionActive(deps, ctx(req), req.params.id, true, version(req.body)),
  );

  // --- Centers ------------------------------------------------------------------------------------
  app.get(
    '/centers',
    { schema: { tags, summary: '服务中心列表', querystring: ListCentersQuery, response: ok(CenterList) } },
    async (req) => svc.listCenters(deps, ctx(req), req.query),
  );
  app.get(
    '/centers/:id',
    { schema: { tags, summary: '服务中心详情（含窗口、进驻部门及人员）', params: IdParams, response: ok(CenterDetail) } },
    async (req) => svc.getCenter(deps, ctx(req), req.params.id),
  );
  app.post('/centers', { schema: { tags, summary: '新建服务中心', body: CreateCenterBody, response: ok(CenterDetail) } }, async (req) =>
    svc.createCenter(deps, ctx(req), req.body),
  );
  app.patch(
    '/centers/:id',
    { schema: { tags, summary: '修改服务中心（须带 version）', params: IdParams, body: UpdateCenterBody, response: ok(CenterDetail) } },
    async (req) => svc.updateCenter(deps, ctx(req), req.params.id, req.body),
  );
  app.post(
    '/centers/:id/deactivate',
    { schema: { tags, summary: '停用服务中心', params: IdParams, body: StateChangeBody, response: ok(CenterDetail) } },
    async (req) => svc.setCenterActive(deps, ctx(req), req.params.id, false, version(req.body)),
  );
  app.post(
    '/centers/:id/reactivate',
    { schema: { tags, summary: '启用服务中心', params: IdParams, body: StateChangeBody, response: ok(CenterDetail) } },
    async (req) => svc.setCenterActive(deps, ctx(req), req.params.id, true, version(req.body)),
  );

  // --- Windows ------------------------------------------------------------------------------------
  app.post(
    '/centers/:id/windows',
    { schema: { tags, summary: '新建窗口', params: IdParams, body: CreateWindowBody, response: ok(Window) } },
    async (req) => svc.createWindow(deps, ctx(req), req.params.id, req.body),
  );
  app.get('/windows/:id', { schema: { tags, summary: '窗口详情', params: IdParams, response: ok(Window) } }, async (req) =>
    svc.getWindow(deps, ctx(req), req.params.id),
  );
  app.patch(
    '/windows/:id',
    { schema: { tags, summary: '修改窗口（须带 version）', params: IdParams, body: UpdateWindowBody, response: ok(Window) } },
    async (req) => svc.updateWindow(deps, ctx(req), req.params.id, req.body),
  );
  app.post(
    '/windows/:id/deactivate',
    { schema: { tags, summary: '停用窗口', params: IdParams, body: StateChangeBody, response: ok(Window) } },
    async (req) => svc.setWindowActive(deps, ctx(req), req.params.id, false, version(req.body)),
  );
  app.post(
    '/windows/:id/reactivate',
    { schema: { tags, summary: '启用窗口', params: IdParams, body: StateChangeBody, response: ok(Window) } },
    async (req) => svc.setWindowActive(deps, ctx(req), req.params.id, true, version(req.body)),
  );

  // --- Departments and stationings ---------------------------------------------------------------
  app.get(
    '/departments',
    { schema: { tags, summary: '部门（站所）列表', querystring: ListDepartmentsQuery, response: ok(DepartmentList) } },
    async (req) => svc.listDepartments(deps, ctx(req), req.query),
  );
  app.get(
    '/departments/:id',
    { schema: { tags, summary: '部门详情（含进驻情况）', params: IdParams, response: ok(DepartmentDetail) } },
    async (req) => svc.getDepartment(deps, ctx(req), req.params.id),
  );
  app.post(
    '/departments',
    { schema: { tags, summary: '新建部门（站所）', body: CreateDepartmentBody, response: ok(DepartmentDetail) } },
    async (req) => svc.createDepartment(deps, ctx(req), req.body),
  );
  app.patch(
    '/departments/:id',
    { schema: { tags, summary: '修改部门（须带 version）', params: IdParams, body: UpdateDepartmentBody, response: ok(DepartmentDetail) } },
    async (req) => svc.updateDepartment(deps, ctx(req), req.params.id, req.body),
  );
  app.post(
    '/departments/:id/deactivate',
    { schema: { tags, summary: '停用部门', params: IdParams, body: StateChangeBody, response: ok(DepartmentDetail) } },
    async (req) => svc.setDepartmentActive(deps, ctx(req), req.params.id, false, version(req.body)),
  );
  app.post(
    '/departments/:id/reactivate',
    { schema: { tags, summary: '启用部门', params: IdParams, body: StateChangeBody, response: ok(DepartmentDetail) } },
    async (req) => svc.setDepartmentActive(deps, ctx(req), req.params.id, true, version(req.body)),
  );
  app.post(
    '/centers/:id/stationings',
    { schema: { tags, summary: '部门进驻服务中心', params: IdParams, body: CreateStationingBody, response: ok(Stationing) } },
    async (req) => svc.createStationing(deps, ctx(req), req.params.id, req.body),
  );
  app.get('/stationings/:id', { schema: { tags, summary: '进驻详情', params: IdParams, response: ok(Stationing) } }, async (req) =>
    svc.getStationing(deps, ctx(req), req.params.id),
  );
  app.patch(
    '/stationings/:id',
    { schema: { tags, summary: '修改进驻人员', params: IdParams, body: UpdateStationingBody, response: ok(Stationing) } },
    async (req) => svc.updateStationing(deps, ctx(req), req.params.id, req.body),
  );
  app.post(
    '/stationings/:id/deactivate',
    { schema: { tags, summary: '撤出进驻', params: IdParams, body: StateChangeBody, response: ok(Stationing) } },
    async (req) => svc.setStationingActive(deps, ctx(req), req.params.id, false),
  );
  app.post(
    '/stationings/:id/reactivate',
    { schema: { tags, summary: '恢复进驻', params: IdParams, body: StateChangeBody, response: ok(Stationing) } },
    async (req) => svc.setStationingActive(deps, ctx(req), req.params.id, true),
  );

  // --- Staff --------------------------------------------------------------------------------------
  app.get('/staff', { schema: { tags, summary: '工作人员列表（按用户名分页）', querystring: ListStaffQuery, response: ok(StaffList) } }, async (req) =>
    svc.listStaff(deps, ctx(req), req.query),
  );
  app.get('/staff/:id', { schema: { tags, summary: '工作人员详情（证件号、手机号仅脱敏）', params: IdParams, response: ok(StaffDetail) } }, async (req) =>
    svc.getStaff(deps, ctx(req), req.params.id),
  );
  app.post('/staff', { schema: { tags, summary: '新建工作人员账号', body: CreateStaffBody, response: ok(StaffDetail) } }, async (req) =>
    svc.createStaff(deps, ctx(req), req.body),
  );
  app.patch(
    '/staff/:id',
    { schema: { tags, summary: '修改工作人员（须带 version）', params: IdParams, body: UpdateStaffBody, response: ok(StaffDetail) } },
    async (req) => svc.updateStaff(deps, ctx(req), req.params.id, req.body),
  );
  app.post(
    '/staff/:id/deactivate',
    { schema: { tags, summary: '停用工作人员（结束其会话）', params: IdParams, body: StateChangeBody, response: ok(StaffDetail) } },
    async (req) => svc.setStaffActive(deps, ctx(req), req.params.id, false, version(req.body)),
  );
  app.post(
    '/staff/:id/reactivate',
    { schema: { tags, summary: '启用工作人员', params: IdParams, body: StateChangeBody, response: ok(StaffDetail) } },
    async (req) => svc.setStaffActive(deps, ctx(req), req.params.id, true, version(req.body)),
  );
  app.post(
    '/staff/:id/reset-password',
    { schema: { tags, summary: '重置密码（下次登录须修改）', params: IdParams, body: ResetPasswordBody, response: ok(StaffDetail) } },
    async (req) => svc.resetStaffPassword(deps, ctx(req), req.params.id, req.body.password),
  );

  // --- Excel --------------------------------------------------------------------------------------
  app.get('/import/template', { schema: { tags, summary: '下载导入模板（区划 / 服务中心 / 工作人员）', response: errors } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!(['region', 'center', 'staff'] as const).some((o) => mayAttempt(actor, 'import', o))) throw new Forbidden();
    return sendXlsx(reply, await buildTemplate(), '组织机构导入模板.xlsx', 'org.xlsx');
  });

  app.get('/export', { schema: { tags, summary: '导出本人管辖范围的区划、服务中心、工作人员（与导入模板同格式）', response: errors } }, async (req, reply) => {
    const buffer = await buildExport(deps, ctx(req));
    return sendXlsx(reply, buffer, `组织机构导出-${new Date().toISOString().slice(0, 10)}.xlsx`, 'org.xlsx');
  });

  app.post(
    '/import',
    {
      schema: {
        tags,
        summary: 'Excel 导入（multipart：file，新账号的 initialPassword）；dryRun=true 只校验',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: ok(ImportReport),
      },
    },
    async (req) => {
      const c = ctx(req);
      if (!(['region', 'center', 'staff'] as const).some((o) => mayAttempt(c.actor, 'import', o))) throw new Forbidden();
      const { file, fileName, fields } = await readUpload(req, IMPORT_MAX_BYTES);
      return importWorkbook(deps, c, file, {
        dryRun: req.query.dryRun,
        fileName,
        initialPassword: fields.initialPassword || undefined,
      });
    },
  );
}
