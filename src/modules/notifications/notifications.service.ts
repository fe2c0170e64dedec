import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import { NotFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/auth-context.js';
import { applicants } from '../applicants/applicants.tables.js';
import { notifications } from '../cases/cases.tables.js';
import type { SmsTransport } from './notifications.transport.js';

/**
 * The notification outbox. Use cases write rows in their own transaction (so a message exists exactly
 * when the change does); the dispatcher picks pending rows with `FOR UPDATE SKIP LOCKED` (several
 * instances never send one twice), sends the SMS copy when a transport is configured, and marks them.
 */

export const MAX_ATTEMPTS = 5;

export async function dispatchPending(deps: Deps, sms: SmsTransport | null, batch = 50): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .select({ n: notifications, phoneEnc: applicants.phoneEnc })
      .from(notifications)
      .leftJoin(applicants, eq(applicants.id, notifications.applicantId))
      .where(eq(notifications.status, 'pending'))
      .orderBy(notifications.createdAt)
      .limit(batch)
      .for('update', { of: notifications, skipLocked: true });
    for (const { n, phoneEnc } of rows) {
      try {
        if (sms && phoneEnc) await sms.send({ phone: deps.crypto.decrypt(phoneEnc), text: `【便民服务】${n.title}：${n.body}` });
        await tx.update(notifications).set({ status: 'sent', sentAt: deps.now(), attempts: n.attempts + 1 }).where(eq(notifications.id, n.id));
        sent++;
      } catch {
        const attempts = n.attempts + 1;
        await tx
          .update(notifications)
          .set({ status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', attempts })
          .where(eq(notifications.id, n.id));
        failed++;
      }
    }
  });
  return { sent, failed };
}

/** Runs the dispatcher every `intervalMs`; returns a stop function (called on shutdown). */
export function startDispatcher(deps: Deps, sms: SmsTransport | null, log: { error: (o: object, m: string) => void }, intervalMs = 5_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    dispatchPending(deps, sms)
      .catch((err: unknown) => log.error({ err }, 'notification dispatch failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The signed-in person's messages, newest first. */
export async function myNotifications(deps: Deps, actor: Actor, limit = 50) {
  const rows = await deps.db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, actor.userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
  const [unread] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  return {
    unread: unread?.n ?? 0,
    items: rows.map((r) => ({ id: r.id, caseId: r.caseId, title: r.title, body: r.body, createdAt: r.createdAt.toISOString(), read: r.readAt !== null })),
  };
}

export async function markRead(deps: Deps, actor: Actor, ids: string[]) {
  if (ids.length === 0) return { updated: 0 };
  const rows = await deps.db
    .update(notifications)
    .set({ readAt: deps.now() })
    .where(and(eq(notifications.userId, actor.userId), inArray(notifications.id, ids), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (rows.length === 0 && ids.length === 1) {
    const [exists] = await deps.db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, actor.userId), eq(notifications.id, ids[0])));
    if (!exists) throw new NotFound('消息不存在');
  }
  return { updated: rows.length };
}
