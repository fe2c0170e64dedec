import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from './config.js';
import { projectRoot, type Database } from './db/client.js';
import { writeAudit } from './platform/audit.js';
import { Crypto } from './platform/crypto.js';
import type { Deps } from './platform/deps.js';
import { AppError, errorBody, Forbidden, OutOfScope } from './platform/errors.js';
import type { App } from './platform/http.js';
import { registerSessionHooks } from './modules/auth/auth.plugin.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { securityRoutes } from './modules/auth/security.routes.js';
import { casesRoutes } from './modules/cases/cases.routes.js';
import { agencyRoutes } from './modules/agency/agency.routes.js';
import { applicationsRoutes } from './modules/applications/applications.routes.js';
import { startDispatcher } from './modules/notifications/notifications.service.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { smsTransportFor } from './modules/notifications/notifications.transport.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { validateRoutes } from './modules/validate/validate.routes.js';
import { consultationsRoutes } from './modules/consultations/consultations.routes.js';
import { policiesRoutes } from './modules/policies/policies.routes.js';
import { directoryRoutes } from './modules/directory/directory.routes.js';
import { hallstatsRoutes } from './modules/hallstats/hallstats.routes.js';
import { appointmentsRoutes } from './modules/appointments/appointments.routes.js';
import { queueRoutes } from './modules/queue/queue.routes.js';
import { nextFreeAppointmentDay, startNoShowMarker } from './modules/appointments/appointments.service.js';
import { hallRoutes } from './modules/hall/hall.routes.js';
import { HallHub } from './modules/hall/hall.hub.js';

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Serve the built SPA from dist/web (off in API tests). */
  serveWeb?: boolean;
  /** Run the notification outbox dispatcher in this process (the server does; tests do not). */
  dispatchNotifications?: boolean;
  /** The current instant (tests pin it to make business dates and deadlines deterministic). */
  now?: () => Date;
  logger?: boolean;
}

const VALIDATION_MESSAGE = '提交的数据不符合要求';

export async function buildApp(opts: BuildOptions): Promise<App> {
  const { config, database } = opts;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            // No personal data in logs: never log cookies, tokens or bodies.
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
          },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const deps: Deps = { config, database, db: database.db, crypto: new Crypto(config.secret), now: opts.now ?? (() => new Date()) };

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Bianmin 便民服务一体化平台 API', version: config.version },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'bm_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler(async (error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.'),
        message: v.message,
      }));
      return reply.code(400).send(errorBody('VALIDATION_FAILED', VALIDATION_MESSAGE, details));
    }
    if (error instanceof AppError) {
      if (error instanceof Forbidden || error instanceof OutOfScope) {
        await auditDenial(deps, request, error).catch((e) => request.log.error({ err: e }, 'denial audit failed'));
      }
      if (error.status === 429 && typeof (error.details as { retryAfterSeconds?: number })?.retryAfterSeconds === 'number') {
        reply.header('retry-after', String((error.details as { retryAfterSeconds: number }).retryAfterSeconds));
      }
      return reply.code(error.status).send(errorBody(error.code, error.message, error.details));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return reply.code(500).send(errorBody('INTERNAL_ERROR', '服务器内部错误，请稍后再试'));
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 413) return reply.code(413).send(errorBody('PAYLOAD_TOO_LARGE', '提交的内容过大'));
    if (status === 415) return reply.code(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'));
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody('BAD_REQUEST', '请求格式不正确'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody('INTERNAL_ERROR', '服务器内部错误，请稍后再试'));
  });

  registerSessionHooks(app, deps);

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string() }) },
      },
    },
    async () => {
      await deps.db.execute(sql`select 1`);
      return { status: 'ok' as const, db: database.driver, version: config.version };
    },
  );

  await app.register(async (api) => authRoutes(api as App, deps), { prefix: '/api/auth' });
  await app.register(async (api) => securityRoutes(api as App, deps), { prefix: '/api/security' });
  await app.register(async (api) => orgRoutes(api as App, deps), { prefix: '/api/org' });
  await app.register(async (api) => auditRoutes(api as App, deps), { prefix: '/api/audit' });
  await app.register(async (api) => validateRoutes(api as App, deps), { prefix: '/api/validate' });
  await app.register(async (api) => catalogRoutes(api as App, deps), { prefix: '/api/catalog' });
  await app.register(async (api) => casesRoutes(api as App, deps), { prefix: '/api/cases' });
  await app.register(async (api) => agencyRoutes(api as App, deps), { prefix: '/api/agency' });
  await app.register(async (api) => applicationsRoutes(api as App, deps), { prefix: '/api/applications' });
  await app.register(async (api) => notificationsRoutes(api as App, deps), { prefix: '/api/notifications' });
  // The outbox dispatcher (SMS copies when SMS_TRANSPORT is set); tests drive dispatchPending themselves.
  if (opts.dispatchNotifications) {
    const stop = startDispatcher(deps, smsTransportFor(config.smsTransport, app.log), app.log);
    app.addHook('onClose', async () => stop());
  }
  await app.register(async (api) => calendarRoutes(api as App, deps), { prefix: '/api/calendar' });
  await app.register(async (api) => consultationsRoutes(api as App, deps), { prefix: '/api/consultations' });
  await app.register(async (api) => policiesRoutes(api as App, deps), { prefix: '/api/policies' });
  await app.register(async (api) => directoryRoutes(api as App, deps), { prefix: '/api/directory' });
  await app.register(async (api) => hallstatsRoutes(api as App, deps), { prefix: '/api/hallstats' });
  await app.register(async (api) => appointmentsRoutes(api as App, deps), { prefix: '/api/appointments' });
  // A 限号 refusal offers the next day with a free appointment place (queue does not import appointments).
  await app.register(async (api) => queueRoutes(api as App, deps, { nextAppointmentDay: nextFreeAppointmentDay }), { prefix: '/api/queue' });
  // Hall screens: one LISTEN per instance (started with the app), fanned out to SSE streams; open
  // streams are ended before the server closes so app.close() does not wait on them.
  const hallHub = new HallHub(database);
  app.addHook('onReady', async () => hallHub.start());
  app.addHook('preClose', async () => hallHub.closeAll());
  app.addHook('onClose', async () => hallHub.stop());
  await app.register(async (api) => hallRoutes(api as App, deps, hallHub), { prefix: '/api/hall' });
  // Appointment no-shows are marked by the same background processes that dispatch notifications.
  if (opts.dispatchNotifications) {
    const stopNoShows = startNoShowMarker(deps, app.log);
    app.addHook('onClose', async () => stopNoShows());
  }

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webRoot = config.webRoot ?? join(projectRoot(), 'dist/web');
  const hasWeb = opts.serveWeb !== false && existsSync(join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      // Wildcard: files are looked up per request, so a rebuild is served without a restart;
      // a missing file falls through to the not-found handler below (SPA fallback / JSON 404).
      wildcard: true,
      setHeaders: (res, path) => {
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api' || request.method !== 'GET') {
      return reply.code(404).send(errorBody('NOT_FOUND', '接口不存在'));
    }
    // A missing file (a stale /assets chunk after a deploy, /favicon.ico …) is a plain 404, so the
    // browser never parses the HTML shell as a script; only page routes fall back to the SPA.
    const path = request.url.split('?')[0];
    if (path.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(path)) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not Found');
    }
    if (hasWeb) return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    return reply
      .code(200)
      .type('text/html; charset=utf-8')
      .send('<!doctype html><meta charset="utf-8"><title>便民服务一体化平台</title><p>前端尚未构建：请运行 npm run build:web</p>');
  });

  return app;
}

async function auditDenial(deps: Deps, request: import('fastify').FastifyRequest, error: AppError): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await writeAudit(tx, request.actor, request.meta, {
      action: 'permission.denied',
      outcome: 'denied',
      details: {
        method: request.method,
        route: request.routeOptions?.url ?? null,
        reason: error instanceof OutOfScope ? 'out_of_scope' : 'no_permission',
      },
    });
  });
}
