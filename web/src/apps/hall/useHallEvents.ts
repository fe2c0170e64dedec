import { useCallback, useMemo, useState } from 'react';
import { coalesced, useHallStream } from '../../shared/hallStream';

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

/**
 * A hall screen's state: the snapshot each (re)connection starts with, re-read after every event (a
 * call changes windows, recent calls and counts). Calls `onCall` for ticket.called / ticket.recalled,
 * and shows the call at once, before the re-read arrives.
 */
export function useHallEvents(centerId: string, onCall: (m: HallMessage) => void) {
  const [snapshot, setSnapshot] = useState<ScreenSnapshot | null>(null);
  const refetch = useMemo(
    () =>
      coalesced(async () => {
        const r = await fetch(`/api/hall/centers/${encodeURIComponent(centerId)}/screen`, { headers: { accept: 'application/json' } });
        if (r.ok) setSnapshot((await r.json()) as ScreenSnapshot);
      }),
    [centerId],
  );
  const onEvent = useCallback(
    (type: string, data: unknown) => {
      if (type === 'snapshot') return setSnapshot(data as ScreenSnapshot);
      const m = data as HallMessage;
      if (type === 'ticket.called' || type === 'ticket.recalled') {
        setSnapshot((s) => (s ? applyCall(s, m) : s));
        onCall(m);
      }
      refetch();
    },
    [onCall, refetch],
  );
  const connected = useHallStream(centerId, onEvent);
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
