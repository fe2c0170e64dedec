import type { ServerResponse } from 'node:http';
import type { Deps } from '../../platform/deps.js';
import { AppError, errorBody } from '../../platform/errors.js';
import { errors, type App } from '../../platform/http.js';
import { HallCenterParams, ScreenSnapshot } from './hall.contract.js';
import type { HallHub, HallMessage } from './hall.hub.js';
import { centerName, screenSnapshot } from './hall.service.js';

export interface HallRouteOptions {
  /** Open event streams per client IP (a hall's screens, kiosks and consoles often share one NAT address). */
  maxStreamsPerIp?: number;
  /** Comment line sent to keep proxies from closing an idle stream. */
  heartbeatMs?: number;
}

const tags = ['hall'];

const sseFrame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** /api/hall: the public hall screen snapshot and the server-sent event stream of a center. Thin. */
export async function hallRoutes(app: App, deps: Deps, hub: HallHub, opts: HallRouteOptions = {}) {
  const maxPerIp = opts.maxStreamsPerIp ?? 50;
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const openByIp = new Map<string, number>();

  app.get(
    '/centers/:centerId/screen',
    { schema: { tags, summary: '大厅叫号屏：各窗口当前叫号、最近叫号、各类别等候人数（公开）', params: HallCenterParams, response: { 200: ScreenSnapshot, ...errors } } },
    async (req) => screenSnapshot(deps, req.params.centerId),
  );

  app.get(
    '/centers/:centerId/events',
    {
      schema: {
        tags,
        summary: '大厅实时事件流（text/event-stream，公开）：连接时先发 snapshot，之后 ticket.called 等事件；每 15 秒心跳',
        params: HallCenterParams,
      },
    },
    async (req, reply) => {
      const { centerId } = req.params;
      await centerName(deps.db, centerId);
      const ip = req.ip;
      const open = openByIp.get(ip) ?? 0;
      if (open >= maxPerIp) {
        reply.header('retry-after', '30');
        return reply.code(429).send(errorBody('TOO_MANY_STREAMS', '此地址打开的大厅屏幕连接过多，请稍后再试'));
      }
      openByIp.set(ip, open + 1);

      reply.hijack();
      const res: ServerResponse = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      res.write(': hall events\nretry: 3000\n\n');

      let ended = false;
      // Events that arrive while the snapshot is being read are held, then sent after it.
      let held: HallMessage[] | null = [];
      const send = (m: HallMessage) => {
        if (ended) return;
        if (held) held.push(m);
        else res.write(sseFrame(m.type, m));
      };
      const finish = () => {
        if (ended) return;
        ended = true;
        clearInterval(beat);
        unsubscribe();
        const n = (openByIp.get(ip) ?? 1) - 1;
        if (n <= 0) openByIp.delete(ip);
        else openByIp.set(ip, n);
        if (!res.writableEnded) res.end();
      };
      const unsubscribe = hub.subscribe(centerId, send, finish);
      const beat = setInterval(() => {
        if (!ended) res.write(`: ping ${Date.now()}\n\n`);
      }, heartbeatMs);
      beat.unref();
      req.raw.on('close', finish);
      res.on('close', finish);
      res.on('error', finish);

      try {
        const snap = await screenSnapshot(deps, centerId);
        if (!ended) res.write(sseFrame('snapshot', snap));
      } catch (err) {
        req.log.error({ err }, 'hall snapshot failed');
        if (!ended) res.write(sseFrame('error', err instanceof AppError ? { code: err.code } : { code: 'INTERNAL_ERROR' }));
      }
      const queued = held ?? [];
      held = null;
      for (const m of queued) send(m);
    },
  );
}
