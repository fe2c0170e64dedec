import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../shared/api';
import { useHallStream } from '../../shared/hallStream';
import './hall.css';

interface Category {
  id: string;
  name: string;
  prefix: string;
  waiting: number;
  capped: boolean;
}
interface Categories {
  centerName: string;
  serviceDate: string;
  items: Category[];
}
interface Ticket {
  code: string;
  categoryName: string;
  centerName: string;
  peopleAhead: number;
  priority: boolean;
  takenAt: string;
}
type Flag = 'elderly' | 'disabled' | 'veteran' | 'pregnant';
const FLAGS: { key: Flag; label: string }[] = [
  { key: 'elderly', label: '长者' },
  { key: 'disabled', label: '残疾人' },
  { key: 'veteran', label: '退役军人' },
  { key: 'pregnant', label: '孕妇' },
];
const RESET_MS = 20_000;

/** nextDay: the first day with a free appointment place (YYYY-MM-DD), null when none, undefined while unknown. */
type Step = { kind: 'start' } | { kind: 'id'; category: Category } | { kind: 'ticket'; ticket: Ticket } | { kind: 'capped'; category: Category; nextDay?: string | null } | { kind: 'checkin' };

/** '2026-03-16' → '3月16日'. */
const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** 取号机: touch-first kiosk; big buttons, a numeric keypad for the elder's ID number (only for the age). */
export default function KioskPage() {
  const { centerId = '' } = useParams();
  const [cats, setCats] = useState<Categories | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'start' });
  const [flags, setFlags] = useState<Set<Flag>>(new Set());
  const [idNumber, setIdNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resetTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const load = useCallback(() => {
    setLoadError(null);
    api
      .get<Categories>(`/queue/centers/${centerId}/categories`)
      .then(setCats)
      .catch((e) => setLoadError(e instanceof ApiError ? e.message : '加载失败，请稍后重试'));
  }, [centerId]);
  useEffect(load, [load]);
  // Waiting counts and 今日号已取完 follow the hall live (tickets taken elsewhere, calls, caps).
  const onHallEvent = useCallback(
    (type: string) => {
      if (type.startsWith('ticket.')) load();
    },
    [load],
  );
  useHallStream(centerId, onHallEvent);

  const reset = useCallback(() => {
    clearTimeout(resetTimer.current);
    setStep({ kind: 'start' });
    setFlags(new Set());
    setIdNumber('');
    setError(null);
    load();
  }, [load]);
  useEffect(() => {
    clearTimeout(resetTimer.current);
    if (step.kind !== 'start') resetTimer.current = setTimeout(reset, RESET_MS);
    return () => clearTimeout(resetTimer.current);
  }, [step, reset]);

  const take = async (category: Category, id?: string) => {
    setBusy(true);
    setError(null);
    try {
      const t = await api.post<Ticket>(`/queue/centers/${centerId}/tickets`, {
        categoryId: category.id,
        ...(id ? { idNumber: id } : {}),
        ...(flags.has('disabled') ? { disabled: true } : {}),
        ...(flags.has('veteran') ? { veteran: true } : {}),
        ...(flags.has('pregnant') ? { pregnant: true } : {}),
      });
      setStep({ kind: 'ticket', ticket: t });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'QUEUE_CAP_REACHED') {
        const nextDay = (e.details as { nextAppointmentDay?: string | null } | undefined)?.nextAppointmentDay;
        setStep({ kind: 'capped', category, nextDay });
      }
      else setError(e instanceof ApiError ? e.message : '取号失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  const choose = (c: Category) => {
    if (c.capped) return setStep({ kind: 'capped', category: c });
    if (flags.has('elderly')) return setStep({ kind: 'id', category: c });
    void take(c);
  };

  const toggle = (f: Flag) =>
    setFlags((s) => {
      const n = new Set(s);
      if (n.has(f)) n.delete(f);
      else n.add(f);
      return n;
    });

  return (
    <div className="kiosk" data-testid="kiosk">
      <h1>{cats?.centerName ?? '便民服务中心'} · 自助取号</h1>
      {step.kind === 'start' && (
        <>
          <div className="sub">请选择要办理的业务</div>
          {loadError && (
            <div className="kiosk-err">
              {loadError}{' '}
              <button className="kiosk-btn alt" onClick={load}>
                重试
              </button>
            </div>
          )}
          {!cats && !loadError && <div className="sub">正在加载…</div>}
          <div className="kiosk-grid">
            {cats?.items.map((c) => (
              <button key={c.id} className="kiosk-btn" disabled={busy} onClick={() => choose(c)}>
                {c.prefix} {c.name}
                <small>{c.capped ? '今日号已取完' : `等候 ${c.waiting} 人`}</small>
              </button>
            ))}
          </div>
          <div className="sub" style={{ marginTop: 28 }}>
            绿色通道（可选，优先办理）
          </div>
          <div className="kiosk-row">
            {FLAGS.map((f) => (
              <button key={f.key} className={`kiosk-btn alt ${flags.has(f.key) ? 'on' : ''}`} aria-pressed={flags.has(f.key)} onClick={() => toggle(f.key)}>
                {flags.has(f.key) ? '✓ ' : ''}
                {f.label}
              </button>
            ))}
          </div>
          <div className="kiosk-row">
            <button className="kiosk-btn green" onClick={() => setStep({ kind: 'checkin' })}>
              预约签到
            </button>
          </div>
          {busy && <div className="sub">正在取号…</div>}
          {error && <div className="kiosk-err">{error}</div>}
        </>
      )}
      {step.kind === 'id' && (
        <>
          <div className="sub">长者优先：请输入身份证号（仅用于计算年龄，不保存）</div>
          <Keypad value={idNumber} onChange={setIdNumber} max={18} allowX />
          {error && <div className="kiosk-err">{error}</div>}
          <div className="kiosk-row">
            <button className="kiosk-btn alt" onClick={reset}>
              返回
            </button>
            <button className="kiosk-btn" disabled={busy || idNumber.length !== 18} onClick={() => void take(step.category, idNumber)}>
              {busy ? '正在取号…' : '确定取号'}
            </button>
          </div>
        </>
      )}
      {step.kind === 'ticket' && <TicketCard ticket={step.ticket} onDone={reset} />}
      {step.kind === 'capped' && <Capped centerId={centerId} today={cats?.serviceDate} category={step.category} nextDay={step.nextDay} onDone={reset} />}
      {step.kind === 'checkin' && <CheckIn centerId={centerId} onDone={reset} />}
    </div>
  );
}

/**
 * 今日号已取完: offers the first day with a free appointment place (from the refusal, or asked when the
 * list already showed the category as 已取完) and says how to book it (portal 预约办事, then 预约签到 here).
 */
function Capped({ centerId, today, category, nextDay: given, onDone }: { centerId: string; today?: string; category: Category; nextDay?: string | null; onDone: () => void }) {
  const [asked, setAsked] = useState<{ day: string | null } | null>(null);
  useEffect(() => {
    if (given !== undefined) return;
    let live = true;
    api
      .get<{ day: string | null }>('/appointments/next-free-day', { centerId, categoryId: category.id })
      .then((r) => live && setAsked(r))
      .catch(() => live && setAsked({ day: null }));
    return () => {
      live = false;
    };
  }, [centerId, category.id, given]);
  const day = given !== undefined ? given : asked?.day;
  const known = given !== undefined || asked !== null;
  const book = `/portal/appointments/new?center=${centerId}&category=${category.id}${day ? `&day=${day}` : ''}`;
  const dayLabel = day ? `${monthDay(day)}${day === today ? '（今天）' : ''}` : '';
  return (
    <div className="kiosk-card" data-testid="kiosk-capped">
      {/* Two pieces that wrap between them, never inside the date. */}
      <div className="code capped">
        <span>今日号已取完{day ? '，' : ''}</span>
        {day && <span>可预约 {dayLabel}</span>}
      </div>
      <div className="line">
        {category.name} · 今日限号已满{!known ? '，正在查询可预约日期…' : day ? '' : '，近期预约也已约满，请改日再来'}
      </div>
      {day && (
        <div className="line hint">
          请用手机打开「便民服务」网站，点「预约办事」选 <span className="nowrap">{dayLabel}</span>的时段；预约后按时来本机点「预约签到」，优先办理
        </div>
      )}
      <div className="kiosk-row">
        {day !== null && (
          <Link className="kiosk-btn" style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center' }} to={book}>
            预约办事
          </Link>
        )}
        <button className="kiosk-btn alt" onClick={onDone}>
          返回
        </button>
      </div>
    </div>
  );
}

function Keypad({ value, onChange, max, allowX }: { value: string; onChange: (v: string) => void; max: number; allowX?: boolean }) {
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', allowX ? 'X' : '', '0', '⌫'];
  return (
    <>
      <div className="keypad-display" data-testid="keypad-display">
        {value || ' '}
      </div>
      <div className="keypad">
        {keys.map((k, i) =>
          k ? (
            <button key={i} onClick={() => onChange(k === '⌫' ? value.slice(0, -1) : value.length < max ? value + k : value)} aria-label={k === '⌫' ? '删除' : k}>
              {k}
            </button>
          ) : (
            <span key={i} />
          ),
        )}
      </div>
    </>
  );
}

function TicketCard({ ticket, onDone }: { ticket: Ticket; onDone: () => void }) {
  const taken = new Date(ticket.takenAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
  return (
    <>
      <div className="kiosk-card" data-testid="ticket-card">
        <div className="line">{ticket.categoryName}</div>
        <div className="code">{ticket.code}</div>
        <div className="line">
          前面还有 <b>{ticket.peopleAhead}</b> 人{ticket.priority ? '（绿色通道）' : ''}
        </div>
        <div className="line" style={{ color: '#c8102e' }}>
          请留意叫号
        </div>
        <div className="kiosk-row">
          <button className="kiosk-btn" onClick={() => window.print()}>
            打印小票
          </button>
          <button className="kiosk-btn alt" onClick={onDone}>
            完成
          </button>
        </div>
        <div className="sub">20 秒后自动返回</div>
      </div>
      <div className="receipt">
        <div>{ticket.centerName}</div>
        <div>{ticket.categoryName}</div>
        <div className="code">{ticket.code}</div>
        <div>前面还有 {ticket.peopleAhead} 人</div>
        <div>请留意叫号</div>
        <div>{taken}</div>
      </div>
    </>
  );
}

interface CheckInResult {
  ticketCode: string;
  categoryName: string;
  centerName: string;
  peopleAhead: number;
  priority: boolean;
}

function CheckIn({ centerId, onDone }: { centerId: string; onDone: () => void }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<CheckInResult | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.post<CheckInResult>('/appointments/check-in', { code, centerId }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '签到失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };
  if (result)
    return (
      <TicketCard
        ticket={{ code: result.ticketCode, categoryName: result.categoryName, centerName: result.centerName, peopleAhead: result.peopleAhead, priority: result.priority, takenAt: new Date().toISOString() }}
        onDone={onDone}
      />
    );
  return (
    <>
      <div className="sub">预约签到：请输入预约短信中的 8 位预约码</div>
      <input
        className="keypad-display"
        aria-label="预约码"
        autoFocus
        maxLength={8}
        value={code}
        onChange={(e) => setCode(e.target.value.toUpperCase().replace(/[^0-9A-Z]/g, ''))}
        onKeyDown={(e) => e.key === 'Enter' && code && void submit()}
      />
      {error && <div className="kiosk-err">{error}</div>}
      <div className="kiosk-row">
        <button className="kiosk-btn alt" onClick={onDone}>
          返回
        </button>
        <button className="kiosk-btn" disabled={busy || code.length === 0} onClick={() => void submit()}>
          {busy ? '正在签到…' : '签到取号'}
        </button>
      </div>
    </>
  );
}
