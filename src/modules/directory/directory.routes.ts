import type { Deps } from '../../platform/deps.js';
import { errors, IdParams, type App } from '../../platform/http.js';
import { DirectoryCenterDetail, DirectoryQuery, DirectoryResponse } from './directory.contract.js';
import * as svc from './directory.service.js';

/** /api/directory: the public center directory (服务中心名录). Thin. */
export async function directoryRoutes(app: App, deps: Deps): Promise<void> {
  const tags = ['directory (public)'];
  app.get(
    '/centers',
    { schema: { tags, summary: '服务中心名录（县、乡镇、村，按乡镇分组）', querystring: DirectoryQuery, response: { 200: DirectoryResponse, ...errors } } },
    async (req) => svc.listCenters(deps, req.actor, req.query),
  );
  app.get(
    '/centers/:id',
    { schema: { tags, summary: '服务中心详情（窗口、进驻部门、可办事项数）', params: IdParams, response: { 200: DirectoryCenterDetail, ...errors } } },
    async (req) => svc.getCenter(deps, req.params.id),
  );
}
