import { useEffect, useRef, useState } from 'react';

/** Every hall event type the server sends (src/modules/queue publishes them; the hub forwards them). */
export const HALL_EVENT_TYPES = [
  'ticket.taken',
  'ticket.called',
  'ticket.recalled',
  'ticket.no_show',
  'ticket.skipped',
  'ticket.serving',
  'ticket.finished',
  'ticket.transferred',
  'ticket.cancelled',
  'window.opened',
  'window.closed',
  'window.paused',
  'window.resumed',
] as const;

/**
 * Subscribes to a center's hall events over server-sent events (GET /api/hall/centers/:id/events).
 * `onEvent` gets the event type ('snapshot' first on every (re)connection) and its parsed data. The
 * browser's EventSource reconnects by itself; the returned flag says whether the stream is open now.
 * Nothing is opened while `centerId` is empty. With `pollWhileDownMs`, `onEvent('poll', null)` is
 * called at that interval whenever the stream is not open (a proxy, a bad network), so the page
 * re-reads instead of going stale.
 */
export function useHallStream(centerId: string | undefined, onEvent: (type: string, data: unknown) => void, pollWhileDownMs?: number): boolean {
  const [connected, setConnected] = useState(false);
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    if (!centerId || typeof EventSource === 'undefined') return;
    const es = new EventSource(`/api/hall/centers/${encodeURIComponent(centerId)}/events`);
    es.addEventListener('open', () => setConnected(true));
    es.addEventListener('error', () => setConnected(false));
    for (const type of ['snapshot', ...HALL_EVENT_TYPES]) {
      es.addEventListener(type, (e) => onEventRef.current(type, JSON.parse((e as MessageEvent<string>).data) as unknown));
    }
    return () => {
      es.close();
      setConnected(false);
    };
  }, [centerId]);

  useEffect(() => {
    if (connected || !pollWhileDownMs) return;
    const t = setInterval(() => onEventRef.current('poll', null), pollWhileDownMs);
    return () => clearInterval(t);
  }, [connected, pollWhileDownMs]);

  return connected;
}

/**
 * Runs `load` at most once at a time; a request during a run asks for exactly one more run after it,
 * because the run in flight may have started before the change that prompted the request.
 */
export function coalesced(load: () => Promise<unknown>): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    void load()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) run();
      });
  };
  return run;
}
