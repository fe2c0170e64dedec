import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { errors, requireActor, type App } from '../../platform/http.js';
import { sendXlsx } from '../../platform/xlsx.js';
import {
  AttendanceResponse,
  CenterParams,
  DayLoadResponse,
  DayQuery,
  HallsResponse,
  StaffResponse,
  HistoryResponse,
  PlanningQuery,
  PlanningResponse,
  RangeQuery,
  Roster,
  RosterBody,
  RosterParams,
  RostersResponse,
  WindowsNowResponse,
} from './hallstats.contract.js';
import * as svc from './hallstats.service.js';

/** /api/hallstats: attendance, rosters, window load and planning of a center. Thin. */
export async function hallstatsRoutes(app: App, deps: Deps): Promise<void> {
  const ctx = (request: FastifyRequest): svc.HallStatsCtx => ({ actor: requireActor(request), meta: request.meta });
  const tags = ['hallstats'];
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errors });

  app.get('/centers', { schema: { tags, summary: '可查看考勤与负荷的服务大厅', response: ok(HallsResponse) } }, async (req) => svc.myHalls(deps, ctx(req)));
  app.get('/centers/:centerId/staff', { schema: { tags, summary: '可排班的工作人员（中心负责人）', params: CenterParams, response: ok(StaffResponse) } }, async (req) =>
    svc.rosterStaff(deps, ctx(req), req.params.centerId),
  );
  app.get('/centers/:centerId/windows-now', { schema: { tags, summary: '各窗口当前状态（开放/暂停/关闭）及在岗人员', params: CenterParams, response: ok(WindowsNowResponse) } }, async (req) =>
    svc.windowsNow(deps, ctx(req), req.params.centerId),
  );
  app.get('/centers/:centerId/rosters', { schema: { tags, summary: '排班', params: CenterParams, response: ok(RostersResponse) } }, async (req) =>
    svc.listRosters(deps, ctx(req), req.params.centerId),
  );
  app.post('/centers/:centerId/rosters', { schema: { tags, summary: '新增排班（中心负责人）', params: CenterParams, body: RosterBody, response: { 201: Roster, ...errors } } }, async (req, reply) =>
    reply.code(201).send(await svc.createRoster(deps, ctx(req), req.params.centerId, req.body)),
  );
  app.put('/centers/:centerId/rosters/:id', { schema: { tags, summary: '修改排班（active=false 停用）', params: RosterParams, body: RosterBody, response: ok(Roster) } }, async (req) =>
    svc.updateRoster(deps, ctx(req), req.params.centerId, req.params.id, req.body),
  );
  app.get('/centers/:centerId/attendance', { schema: { tags, summary: '考勤日报（迟到、缺勤、早退、在岗时长）', params: CenterParams, querystring: RangeQuery, response: ok(AttendanceResponse) } }, async (req) =>
    svc.attendanceReport(deps, ctx(req), req.params.centerId, req.query.from, req.query.to),
  );
  app.get('/centers/:centerId/attendance.xlsx', { schema: { tags, summary: '考勤日报导出（Excel）', params: CenterParams, querystring: RangeQuery } }, async (req, reply) => {
    const buf = await svc.attendanceWorkbook(deps, ctx(req), req.params.centerId, req.query.from, req.query.to);
    return sendXlsx(reply, buf, `考勤日报_${req.query.from}_${req.query.to}.xlsx`, 'attendance.xlsx');
  });
  app.get('/centers/:centerId/load/day', { schema: { tags, summary: '一天的窗口负荷（按窗口、按小时；默认今天）', params: CenterParams, querystring: DayQuery, response: ok(DayLoadResponse) } }, async (req) =>
    svc.dayLoad(deps, ctx(req), req.params.centerId, req.query.date),
  );
  app.get('/centers/:centerId/load/history', { schema: { tags, summary: '窗口负荷历史（每天每窗口，标出过载与空闲）', params: CenterParams, querystring: RangeQuery, response: ok(HistoryResponse) } }, async (req) =>
    svc.loadHistory(deps, ctx(req), req.params.centerId, req.query.from, req.query.to),
  );
  app.get('/centers/:centerId/planning', { schema: { tags, summary: '窗口测算（Erlang C：每小时所需窗口数与实际开放数）', params: CenterParams, querystring: PlanningQuery, response: ok(PlanningResponse) } }, async (req) =>
    svc.planning(deps, ctx(req), req.params.centerId, req.query.categoryId),
  );
}
