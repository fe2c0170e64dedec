import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import './hall.css';
import { useHallEvents, type HallMessage } from './useHallEvents';

/** 「请 A012 号到 3 号窗口办理」 — the text shown and spoken for a call. */
export const announcement = (code: string, windowNumber: number) => `请 ${code} 号到 ${windowNumber} 号窗口办理`;

function speak(text: string) {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
  // Twice, as halls do; a screen without sound still shows the banner.
  for (let i = 0; i < 2; i++) {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = 'zh-CN';
    u.rate = 0.9;
    synth.speak(u);
  }
}

function useClock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}

const STATE = { open: '服务中', paused: '暂停服务', closed: '未开放' } as const;

/** 叫号屏: a 1920×1080 hall display fed by server-sent events. */
export default function ScreenPage() {
  const { centerId = '' } = useParams();
  const now = useClock();
  const [banner, setBanner] = useState<{ text: string; key: number } | null>(null);
  const [newest, setNewest] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const onCall = useCallback((m: HallMessage) => {
    if (!m.data.code || m.data.windowNumber == null) return;
    const text = announcement(m.data.code, m.data.windowNumber);
    setBanner({ text, key: Date.now() });
    setNewest(m.data.windowNumber);
    speak(text);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setBanner(null), 8000);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);

  const { snapshot, connected } = useHallEvents(centerId, onCall);
  const newestWindow = useMemo(() => newest ?? snapshot?.recentCalls[0]?.windowNumber ?? null, [newest, snapshot]);

  const clock = now.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', hour: '2-digit', minute: '2-digit', second: '2-digit' });

  return (
    <div className="hall-root hall-screen" data-testid="hall-screen">
      <header className="hall-header">
        <h1>{snapshot?.centerName ?? '便民服务中心'}</h1>
        <div>
          <span className="hall-clock">{clock}</span>
          {!connected && <span className="hall-conn">正在连接…</span>}
        </div>
      </header>
      <div className="hall-body">
        <section className="hall-windows" aria-label="窗口叫号">
          {!snapshot && <div style={{ fontSize: 40 }}>正在加载…</div>}
          {snapshot?.windows.map((w) => (
            <div key={w.windowId} className={`hall-win ${w.state === 'closed' ? 'closed' : ''} ${newestWindow === w.number && w.current ? 'newest' : ''}`} data-testid={`window-${w.number}`}>
              <div className="hall-win-name">
                {w.number} 号窗口 · {w.name}
              </div>
              <div className="hall-win-code">{w.current?.code ?? '—'}</div>
              <div className="hall-win-state">{w.current ? (w.current.status === 'serving' ? '正在办理' : '请到窗口') : STATE[w.state]}</div>
            </div>
          ))}
        </section>
        <aside className="hall-side">
          <div className="hall-panel">
            <h2>最近叫号</h2>
            {snapshot?.recentCalls.length === 0 && <div className="hall-row">暂无</div>}
            {snapshot?.recentCalls.slice(0, 6).map((c) => (
              <div className="hall-row" key={`${c.code}-${c.calledAt}`}>
                <b>{c.code}</b>
                <span>{c.windowNumber} 号窗口</span>
              </div>
            ))}
          </div>
          <div className="hall-panel">
            <h2>等候人数</h2>
            <div className={`hall-waiting ${(snapshot?.waiting.length ?? 0) > 7 ? 'many' : ''}`}>
              {snapshot?.waiting.map((c) => (
                <div className="hall-row" key={c.categoryId} data-testid={`waiting-${c.name}`}>
                  <span>
                    {c.prefix} {c.name}
                  </span>
                  <b>{c.waiting} 人</b>
                </div>
              ))}
            </div>
          </div>
        </aside>
      </div>
      {banner && (
        <div className="hall-banner" role="alert" key={banner.key} data-testid="call-banner">
          {banner.text}
        </div>
      )}
    </div>
  );
}
