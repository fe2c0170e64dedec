import { useEffect, useSyncExternalStore } from 'react';
import type { z } from 'zod';
import type { MessageList as MessageListSchema } from '../../../../../src/modules/notifications/notifications.routes';
import { api } from '../../../shared/api';

export type MessageList = z.infer<typeof MessageListSchema>;
export type Message = MessageList['items'][number];

/**
 * The unread badge of 消息: one small store read by the tab bar and written by the messages page.
 * Refreshed on every route change (at most every 15 s) and every 60 s while the page is visible,
 * only for a signed-in user; a failed poll keeps the last count (slow networks).
 */

const MIN_GAP_MS = 15_000;
const POLL_MS = 60_000;

let unread: number | undefined;
let lastFetch = 0;
let inFlight: Promise<void> | undefined;
const listeners = new Set<() => void>();

export function setUnread(n: number | undefined): void {
  unread = n;
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Fetch the count now (or skip if one was fetched less than 15 s ago, unless `force`). */
export function refreshUnread(force = false): Promise<void> {
  if (inFlight) return inFlight;
  if (!force && Date.now() - lastFetch < MIN_GAP_MS) return Promise.resolve();
  lastFetch = Date.now();
  inFlight = api
    .get<MessageList>('/notifications', undefined, { quiet401: true })
    .then((r) => setUnread(r.unread))
    .catch(() => undefined)
    .finally(() => {
      inFlight = undefined;
    });
  return inFlight;
}

/** The unread count for the badge; `signedIn` false → undefined and no polling. `routeKey` changes trigger a refresh. */
export function useUnread(signedIn: boolean, routeKey: string): number | undefined {
  const n = useSyncExternalStore(subscribe, () => unread);
  useEffect(() => {
    if (!signedIn) {
      setUnread(undefined);
      lastFetch = 0;
      return;
    }
    void refreshUnread();
  }, [signedIn, routeKey]);
  useEffect(() => {
    if (!signedIn) return;
    const tick = () => {
      if (document.visibilityState === 'visible') void refreshUnread(true);
    };
    const timer = window.setInterval(tick, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refreshUnread();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [signedIn]);
  return signedIn ? n : undefined;
}
