import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { TooManyRequests } from '../../platform/errors.js';
import { errors, requireActor, type App } from '../../platform/http.js';
import { hit } from '../../platform/rate-limit.js';
import {
  Category,
  CategoryBody,
  CategoryList,
  CategoryParams,
  CategoryQuery,
  CategoryUpdateBody,
  CenterParams,
  ConsoleView,
  HallSettingsBody,
  HallSettingsView,
  LinkBody,
  MyTicket,
  MyTickets,
  MyWindows,
  PauseBody,
  PortalTakeBody,
  PublicCategories,
  QueueHalls,
  SessionResult,
  TakeTicketBody,
  TakenTicket,
  TicketParams,
  TicketResult,
  TicketVersionBody,
  TransferBody,
  WindowParams,
} from './queue.contract.js';
import * as svc from './queue.service.js';

/**
 * /api/queue: public categories and kiosk tickets, desk and portal tickets, directors' categories and hall settings, the window console. Thin.
 * opts.nextAppointmentDay (the appointments module's, wired in app.ts) lets a 限号 refusal offer an appointment day.
 */
export async function queueRoutes(app: App, deps: Deps, opts: { nextAppointmentDay?: svc.NextAppointmentDay } = {}): Promise<void> {
  const ctx = (request: FastifyRequest): svc.QueueCtx => ({ actor: requireActor(request), meta: request.meta });
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errors });
  const tags = ['queue'];

  // Public (kiosk, screens, portal)
  app.get('/centers/:centerId/categories', { schema: { tags, summary: '服务中心的业务类别及当前等候人数（公开）', params: CenterParams, response: ok(PublicCategories) } }, async (req) =>
    svc.publicCategories(deps, req.params.centerId),
  );
  app.post('/centers/:centerId/tickets', { schema: { tags, summary: '自助取号（公开；身份证号仅用于计算年龄，不保存）', params: CenterParams, body: TakeTicketBody, response: ok(TakenTicket) } }, async (req) => {
    const r = await hit(deps.db, `queue-kiosk:${req.ip}`, 30, 60);
    if (!r.allowed) throw new TooManyRequests('取号过于频繁，请稍后再试', r.retryAfterSeconds);
    return svc.takeAtKiosk(deps, req.params.centerId, req.body, req.meta, opts.nextAppointmentDay);
  });
  app.post('/centers/:centerId/desk-tickets', { schema: { tags, summary: '窗口/导服台代取号', params: CenterParams, body: TakeTicketBody, response: ok(TakenTicket) } }, async (req) =>
    svc.takeAtDesk(deps, ctx(req), req.params.centerId, req.body, opts.nextAppointmentDay),
  );
  app.post('/centers/:centerId/my-tickets', { schema: { tags, summary: '群众在线取号（本人身份证号计算年龄；每人每中心每天一个未办结的号）', params: CenterParams, body: PortalTakeBody, response: ok(TakenTicket) } }, async (req) =>
    svc.takeAtPortal(deps, ctx(req), req.params.centerId, req.body, opts.nextAppointmentDay),
  );

  // Directors
  app.get('/categories', { schema: { tags, summary: '服务中心的业务类别（管理）', querystring: CategoryQuery, response: ok(CategoryList) } }, async (req) =>
    svc.listCategories(deps, ctx(req), req.query.centerId),
  );
  app.post('/categories', { schema: { tags, summary: '新增业务类别', body: CategoryBody, response: ok(Category) } }, async (req) => svc.createCategory(deps, ctx(req), req.body));
  app.put('/categories/:categoryId', { schema: { tags, summary: '修改业务类别（名称、前缀、限号、排序、启用）', params: CategoryParams, body: CategoryUpdateBody, response: ok(Category) } }, async (req) =>
    svc.updateCategory(deps, ctx(req), req.params.categoryId, req.body),
  );
  app.get('/centers/:centerId/settings', { schema: { tags, summary: '大厅规则（绿色通道、重呼次数、预约、测算、考勤）', params: CenterParams, response: ok(HallSettingsView) } }, async (req) =>
    svc.getHallSettings(deps, ctx(req), req.params.centerId),
  );
  app.put('/centers/:centerId/settings', { schema: { tags, summary: '修改大厅规则（version 0 = 尚无记录）', params: CenterParams, body: HallSettingsBody, response: ok(HallSettingsView) } }, async (req) =>
    svc.putHallSettings(deps, ctx(req), req.params.centerId, req.body),
  );

  // Citizens (portal 在线取号, 我的排号): the halls, their own tickets of today, giving up a waiting one
  app.get('/centers', { schema: { tags, summary: '可取号的服务中心（公开；县政务服务中心在前）', response: ok(QueueHalls) } }, async () => svc.queueHalls(deps));
  app.get('/my-tickets', { schema: { tags, summary: '我的排号（今天，各服务中心；等候中的号附前面还有几人）', response: ok(MyTickets) } }, async (req) => svc.myTickets(deps, ctx(req)));
  app.post('/my-tickets/:ticketId/cancel', { schema: { tags, summary: '取消我的排号（仅限等候中的号；已叫号的请到窗口说明）', params: TicketParams, response: ok(MyTicket) } }, async (req) =>
    svc.cancelMine(deps, ctx(req), req.params.ticketId),
  );

  // Window console
  app.get('/my-windows', { schema: { tags, summary: '本人可签到的窗口', response: ok(MyWindows) } }, async (req) => svc.myWindows(deps, ctx(req)));
  app.get('/windows/:windowId/console', { schema: { tags, summary: '窗口叫号台：签到状态、当前号、等候人数、今日办理量', params: WindowParams, response: ok(ConsoleView) } }, async (req) =>
    svc.consoleView(deps, ctx(req), req.params.windowId),
  );
  app.post('/windows/:windowId/sign-in', { schema: { tags, summary: '窗口签到', params: WindowParams, response: ok(SessionResult) } }, async (req) => svc.signIn(deps, ctx(req), req.params.windowId));
  app.post('/windows/:windowId/sign-out', { schema: { tags, summary: '窗口签退', params: WindowParams, response: ok(SessionResult) } }, async (req) => svc.signOut(deps, ctx(req), req.params.windowId));
  app.post('/windows/:windowId/pause', { schema: { tags, summary: '暂停服务', params: WindowParams, body: PauseBody, response: ok(SessionResult) } }, async (req) =>
    svc.pause(deps, ctx(req), req.params.windowId, req.body.reason),
  );
  app.post('/windows/:windowId/resume', { schema: { tags, summary: '恢复服务', params: WindowParams, response: ok(SessionResult) } }, async (req) => svc.resume(deps, ctx(req), req.params.windowId));
  app.post('/windows/:windowId/call-next', { schema: { tags, summary: '叫下一号（无人等候时 ticket 为 null）', params: WindowParams, response: ok(TicketResult) } }, async (req) =>
    svc.callNext(deps, ctx(req), req.params.windowId),
  );
  const act = (path: string, summary: string, fn: (d: Deps, c: svc.QueueCtx, id: string, v: number) => Promise<unknown>) =>
    app.post(`/tickets/:ticketId/${path}`, { schema: { tags, summary, params: TicketParams, body: TicketVersionBody, response: ok(TicketResult) } }, async (req) =>
      fn(deps, ctx(req), req.params.ticketId, req.body.version) as Promise<z.infer<typeof TicketResult>>,
    );
  act('recall', '重呼（超过重呼次数即记为未到）', svc.recall);
  act('skip', '过号（回到队尾；已重呼满次数则记为未到）', svc.skip);
  act('start', '开始办理', svc.start);
  act('finish', '办理完毕', svc.finish);
  act('cancel', '取消号票', svc.cancel);
  app.post('/tickets/:ticketId/transfer', { schema: { tags, summary: '转移到其他窗口（保留号码）或其他业务类别（按该类别取新号）', params: TicketParams, body: TransferBody, response: ok(TicketResult) } }, async (req) =>
    svc.transfer(deps, ctx(req), req.params.ticketId, req.body),
  );
  app.post('/tickets/:ticketId/link', { schema: { tags, summary: '关联办件', params: TicketParams, body: LinkBody, response: ok(TicketResult) } }, async (req) =>
    svc.link(deps, ctx(req), req.params.ticketId, req.body),
  );
}
