import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { errors, IdParams, requireActor, type App } from '../../platform/http.js';
import {
  Appointment,
  BookableCenters,
  BookBody,
  CheckInBody,
  CheckInResult,
  CenterQuery,
  ChangeBody,
  DayBookings,
  DayQuery,
  ManagedCenters,
  MyAppointments,
  NextFreeDay,
  NextFreeDayQuery,
  Session,
  SessionBody,
  SessionList,
  SessionUpdateBody,
  SlotList,
  SlotsQuery,
  VersionBody,
} from './appointments.contract.js';
import * as svc from './appointments.service.js';

/** /api/appointments: public slots, citizens book/change/cancel, directors keep sessions. Thin. */
export async function appointmentsRoutes(app: App, deps: Deps): Promise<void> {
  const ctx = (request: FastifyRequest): svc.AppointmentCtx => ({ actor: requireActor(request), meta: request.meta });
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errors });
  const tags = ['appointments'];

  // Public
  app.get('/centers', { schema: { tags, summary: '可预约的服务中心及业务类别（公开）', response: ok(BookableCenters) } }, async () => svc.bookableCenters(deps));
  app.get('/slots', { schema: { tags, summary: '某业务类别可预约的时段及余量（公开；已开始的时段不显示）', querystring: SlotsQuery, response: ok(SlotList) } }, async (req) =>
    svc.availableSlots(deps, req.query),
  );
  app.get('/next-free-day', { schema: { tags, summary: '某业务类别最近一个还有余量的预约日期（公开；取号机在限号时提示）', querystring: NextFreeDayQuery, response: ok(NextFreeDay) } }, async (req) => ({
    day: await svc.nextFreeAppointmentDay(deps, req.query.centerId, req.query.categoryId),
  }));

  app.post('/check-in', { schema: { tags, summary: '取号机签到：输入预约码，在签到时间内换成优先排队号（公开，按 IP 限流）', body: CheckInBody, response: ok(CheckInResult) } }, async (req) =>
    svc.checkIn(deps, req.meta, req.body),
  );

  // Citizens
  app.post('/', { schema: { tags, summary: '预约一个时段（实名群众；爽约过多时暂停预约）', body: BookBody, response: ok(Appointment) } }, async (req) => svc.book(deps, ctx(req), req.body));
  app.get('/mine', { schema: { tags, summary: '我的预约（含预约码）', response: ok(MyAppointments) } }, async (req) => svc.mine(deps, ctx(req)));
  app.post('/:id/change', { schema: { tags, summary: '改约到同一中心的另一时段（时段开始前）', params: IdParams, body: ChangeBody, response: ok(Appointment) } }, async (req) =>
    svc.change(deps, ctx(req), req.params.id, req.body),
  );
  app.post('/:id/cancel', { schema: { tags, summary: '取消预约（时段开始前）', params: IdParams, body: VersionBody, response: ok(Appointment) } }, async (req) =>
    svc.cancel(deps, ctx(req), req.params.id, req.body.version),
  );

  // Directors and hall staff
  app.get('/managed-centers', { schema: { tags, summary: '本人可管理预约的服务中心', response: ok(ManagedCenters) } }, async (req) => svc.managedCenters(deps, ctx(req)));
  app.get('/sessions', { schema: { tags, summary: '服务中心的预约时段模板', querystring: CenterQuery, response: ok(SessionList) } }, async (req) =>
    svc.listSessions(deps, ctx(req), req.query.centerId),
  );
  app.post('/sessions', { schema: { tags, summary: '新增预约时段（中心负责人）', body: SessionBody, response: ok(Session) } }, async (req) => svc.createSession(deps, ctx(req), req.body));
  app.put('/sessions/:id', { schema: { tags, summary: '修改预约时段（已有预约保留）', params: IdParams, body: SessionUpdateBody, response: ok(Session) } }, async (req) =>
    svc.updateSession(deps, ctx(req), req.params.id, req.body),
  );
  app.get('/day', { schema: { tags, summary: '某日的预约名单（姓名脱敏）和各时段约满情况', querystring: DayQuery, response: ok(DayBookings) } }, async (req) =>
    svc.dayBookings(deps, ctx(req), req.query),
  );
}
