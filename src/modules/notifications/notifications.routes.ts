import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { errors, requireActor, type App } from '../../platform/http.js';
import { markRead, myNotifications } from './notifications.service.js';

const Message = z.object({ id: z.string(), caseId: z.string().nullable(), title: z.string(), body: z.string(), createdAt: z.string(), read: z.boolean() });
export const MessageList = z.object({ unread: z.number().int(), items: z.array(Message) });
const ReadBody = z.object({ ids: z.array(z.uuid({ message: '编号格式不正确' })).min(1).max(200) });

/** /api/notifications: the signed-in person's in-app messages (办件进度提醒). */
export async function notificationsRoutes(app: App, deps: Deps): Promise<void> {
  const tags = ['notifications'];
  app.get('/', { schema: { tags, summary: '我的消息', response: { 200: MessageList, ...errors } } }, async (req) => myNotifications(deps, requireActor(req)));
  app.post('/read', { schema: { tags, summary: '标为已读', body: ReadBody, response: { 200: z.object({ updated: z.number().int() }), ...errors } } }, async (req) =>
    markRead(deps, requireActor(req), req.body.ids),
  );
}
