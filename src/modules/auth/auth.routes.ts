import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { errors, IdParams, noContent, requireActor, type App } from '../../platform/http.js';
import { ChangePasswordBody, LoginBody, MeResponse, PasswordPolicyResponse, RegisterBody, SessionList } from './auth.contract.js';
import { clearSessionCookies, setSessionCookies } from './auth.plugin.js';
import * as service from './auth.service.js';
import { loadSettings } from './auth.settings.js';

const tags = ['auth'];

export async function authRoutes(app: App, deps: Deps): Promise<void> {
  app.post(
    '/login',
    { schema: { tags, summary: '登录（用户名或手机号 + 密码；管理员另需动态验证码）', body: LoginBody, response: { 200: MeResponse, ...errors, 423: errors[409] } } },
    async (request, reply) => {
      const s = await service.login(deps, request.meta, request.body);
      setSessionCookies(reply, deps, s.token, s.expiresAt);
      return s.me;
    },
  );

  app.post('/logout', { schema: { tags, summary: '退出登录', response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    if (request.actor) await service.logout(deps, request.actor, request.meta);
    clearSessionCookies(reply, deps);
    return noContent(reply);
  });

  app.get('/me', { schema: { tags, summary: '当前用户、角色、范围与权限', response: { 200: MeResponse, ...errors } } }, async (request) => {
    requireActor(request);
    return service.me(deps, request.auth!.user, request.auth!.grants);
  });

  app.post(
    '/register',
    { schema: { tags, summary: '群众实名注册', body: RegisterBody, response: { 201: MeResponse, ...errors } } },
    async (request, reply) => {
      const s = await service.registerCitizen(deps, request.meta, request.body);
      setSessionCookies(reply, deps, s.token, s.expiresAt);
      return reply.code(201).send(s.me);
    },
  );

  app.post(
    '/password',
    { schema: { tags, summary: '修改本人密码', body: ChangePasswordBody, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await service.changePassword(deps, requireActor(request), request.meta, request.body.currentPassword, request.body.newPassword);
      return noContent(reply);
    },
  );

  app.get('/password-policy', { schema: { tags, summary: '密码规则（供表单提示）', response: { 200: PasswordPolicyResponse } } }, async () => {
    const { passwordPolicy } = await loadSettings(deps.db, deps);
    return passwordPolicy;
  });

  app.get('/sessions', { schema: { tags, summary: '本人的登录会话', response: { 200: SessionList, ...errors } } }, async (request) => ({
    items: await service.listSessions(deps, requireActor(request)),
  }));

  app.delete(
    '/sessions/:id',
    { schema: { tags, summary: '注销本人的一个会话', params: IdParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await service.revokeOwnSession(deps, actor, request.meta, request.params.id);
      if (request.params.id === actor.sessionId) clearSessionCookies(reply, deps);
      return noContent(reply);
    },
  );
}
