import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { errors, IdParams, noContent, requireActor, type App } from '../../platform/http.js';
import { ResetCredentialsBody, ResetCredentialsResponse, GrantBody, GrantCreated, GrantList, GrantQuery, SecurityUserList, SecurityUserQuery, SettingsBody } from './auth.contract.js';
import * as service from './security.service.js';

const tags = ['security'];

/** Security administrator (安全管理员): security policy, role grants, unlocking accounts. */
export async function securityRoutes(app: App, deps: Deps): Promise<void> {
  app.get('/settings', { schema: { tags, summary: '安全策略', response: { 200: SettingsBody, ...errors } } }, async (request) =>
    service.getSettings(deps, requireActor(request)),
  );

  app.put('/settings', { schema: { tags, summary: '修改安全策略', body: SettingsBody, response: { 200: SettingsBody, ...errors } } }, async (request) =>
    service.updateSettings(deps, requireActor(request), request.meta, request.body),
  );

  app.get('/users', { schema: { tags, summary: '账号列表（授权与解锁用）', querystring: SecurityUserQuery, response: { 200: SecurityUserList, ...errors } } }, async (request) => ({
    items: await service.listUsers(deps, requireActor(request), request.query.q, request.query.limit),
  }));

  app.get('/grants', { schema: { tags, summary: '角色授权列表', querystring: GrantQuery, response: { 200: GrantList, ...errors } } }, async (request) => ({
    items: await service.listGrants(deps, requireActor(request), request.query.userId),
  }));

  app.post('/grants', { schema: { tags, summary: '授予角色（三权分立校验）', body: GrantBody, response: { 201: GrantCreated, ...errors } } }, async (request, reply) =>
    reply.code(201).send(await service.grantRole(deps, requireActor(request), request.meta, request.body)),
  );

  app.delete('/grants/:id', { schema: { tags, summary: '撤销角色', params: IdParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await service.revokeGrant(deps, requireActor(request), request.meta, request.params.id);
    return noContent(reply);
  });

  app.post(
    '/users/:id/reset-credentials',
    { schema: { tags, summary: '重置管理员账号的密码与动态验证码', params: IdParams, body: ResetCredentialsBody, response: { 200: ResetCredentialsResponse, ...errors } } },
    async (request) => service.resetAdminCredentials(deps, requireActor(request), request.meta, request.params.id, request.body.password),
  );

  app.post('/users/:id/unlock', { schema: { tags, summary: '解锁账号', params: IdParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await service.unlockUser(deps, requireActor(request), request.meta, request.params.id);
    return noContent(reply);
  });
}
