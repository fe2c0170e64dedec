import { useEffect, useRef, useState } from 'react';

export interface ScreenSnapshot {
  centerId: string;
  centerName: string;
  serviceDate: string;
  windows: { windowId: string; number: number; name: string; state: 'open' | 'paused' | 'closed'; current: { code: string; categoryName: string; status: string; calledAt: string } | null }[];
  recentCalls: { code: string; windowNumber: number; windowName: string; categoryName: string; calledAt: string }[];
  waiting: { categoryId: string; name: string; prefix: string; waiting: number }[];
  at: string;
}

export interface HallMessage {
  type: string;
  at: string;
  data: { code?: string; windowNumber?: number | null; windowName?: string | null; categoryName?: string };
}

/** Event types after which the screen re-reads its snapshot (a call changes windows, recent calls and counts). */
const REFRESH = ['ticket.taken', 'ticket.called', 'ticket.recalled', 'ticket.no_show', 'ticket.skipped', 'ticket.serving', 'ticket.finished', 'ticket.transferred', 'ticket.cancelled', 'window.opened', 'window.closed', 'window.paused', 'window.resumed'];

/**
 * Subscribes to a center's hall events (EventSource reconnects by itself; each connection starts with
 * a snapshot, so the state is fresh after a reconnect). Calls `onCall` for ticket.called / ticket.recalled.
 */
export function useHallEvents(centerId: string, onCall: (m: HallMessage) => void) {
  const [snapshot, setSnapshot] = useState<ScreenSnapshot | null>(null);
  const [connected, setConnected] = useState(false);
  const onCallRef = useRef(onCall);
  useEffect(() => {
    onCallRef.current = onCall;
  }, [onCall]);

  useEffect(() => {
    const base = `/api/hall/centers/${encodeURIComponent(centerId)}`;
    const es = new EventSource(`${base}/events`);
    // One re-read at a time; an event during a re-read asks for one more after it, because the read
    // in flight may have started before the change the event announces.
    let pending = false;
    let again = false;
    const refetch = () => {
      if (pending) {
        again = true;
        return;
      }
      pending = true;
      again = false;
      fetch(`${base}/screen`, { headers: { accept: 'application/json' } })
        .then(async (r) => {
          if (r.ok) setSnapshot((await r.json()) as ScreenSnapshot);
        })
        .catch(() => undefined)
        .finally(() => {
          pending = false;
          if (again) refetch();
        });
    };
    es.addEventListener('open', () => setConnected(true));
    es.addEventListener('error', () => setConnected(false));
    es.addEventListener('snapshot', (e) => setSnapshot(JSON.parse((e as MessageEvent).data) as ScreenSnapshot));
    for (const type of REFRESH) {
      es.addEventListener(type, (e) => {
        const m = JSON.parse((e as MessageEvent).data) as HallMessage;
        if (type === 'ticket.called' || type === 'ticket.recalled') {
          // Show the call at once; the snapshot re-read below brings counts and recent calls.
          setSnapshot((s) => (s ? applyCall(s, m) : s));
          onCallRef.current(m);
        }
        refetch();
      });
    }
    return () => es.close();
  }, [centerId]);

  return { snapshot, connected };
}

function applyCall(s: ScreenSnapshot, m: HallMessage): ScreenSnapshot {
  const { code, windowNumber, categoryName } = m.data;
  if (!code || windowNumber == null) return s;
  return {
    ...s,
    windows: s.windows.map((w) => (w.number === windowNumber ? { ...w, state: 'open', current: { code, categoryName: categoryName ?? '', status: 'called', calledAt: m.at } } : w)),
  };
}
