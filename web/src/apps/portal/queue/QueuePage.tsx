import { FieldNumberOutlined, SoundOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Empty, Select, Skeleton, Tag } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PRIORITY_REASON_LABELS, TICKET_STATUS_LABELS } from '../../../../../src/modules/queue/queue.rules';
import { api, ApiError } from '../../../shared/api';
import { useAuth } from '../../../shared/auth';
import { useHallStream } from '../../../shared/hallStream';
import { useLoad, useShowError } from '../../../shared/hooks';
import { usePageTitle } from '../../../shared/title';
import { useHomeHallId } from '../catalog/place';
import { RequireLogin } from '../RequireLogin';
import { isOpen, type Hall, type MyTicket, type MyTickets, type PortalTakeInput, type PublicCategories, type QueueHalls, type TakenTicket } from './types';
import './queue.css';

type Flag = 'disabled' | 'veteran' | 'pregnant';
const FLAGS: readonly Flag[] = ['disabled', 'veteran', 'pregnant'];
const STATUS_COLOR: Record<MyTicket['status'], string> = { waiting: 'blue', called: 'orange', serving: 'green', done: 'default', no_show: 'red', cancelled: 'default' };
const hm = (iso: string) => dayjs(iso).format('HH:mm');

/** A short buzz where the phone can (Android browsers; iOS Safari has no navigator.vibrate). */
function buzz(): void {
  if (typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function') navigator.vibrate([400, 200, 400]);
}

/**
 * Follows one center's hall events (server-sent events) and reports the ones about tickets; after a
 * reconnection it reports 'reconnected' (events may have been missed). Without a stream (a proxy,
 * a bad network) it reports 'poll' every 15 s instead. Renders nothing.
 */
function HallFeed({ centerId, onChange }: { centerId: string; onChange: (centerId: string, type: string, data: unknown) => void }) {
  const connections = useRef(0);
  const onEvent = useCallback(
    (type: string, data: unknown) => {
      if (type === 'snapshot') {
        if (connections.current++ > 0) onChange(centerId, 'reconnected', null);
      } else if (type.startsWith('ticket.') || type === 'poll') onChange(centerId, type, data);
    },
    [centerId, onChange],
  );
  useHallStream(centerId, onEvent, 15_000);
  return null;
}

function TicketCard({ t, onChanged }: { t: MyTicket; onChanged: () => void }) {
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const cancel = () =>
    modal.confirm({
      title: '取消这个排号？',
      content: `${t.centerName} · ${t.categoryName} ${t.code}号。取消后号码作废，要办时需重新取号、重新排队。`,
      okText: '取消排号',
      okButtonProps: { danger: true },
      cancelText: '不取消',
      onOk: async () => {
        try {
          await api.post<MyTicket>(`/queue/my-tickets/${t.id}/cancel`);
          void message.success('已取消排号');
        } catch (e) {
          showError(e);
        } finally {
          onChanged();
        }
      },
    });
  return (
    <div className={`bm-queue-ticket ${t.status}`} data-testid="my-ticket">
      <div className="bm-queue-ticket-head">
        <span className="bm-queue-ticket-center">{t.centerName}</span>
        <Tag color={STATUS_COLOR[t.status]} style={{ marginInlineEnd: 0, flex: 'none' }} data-testid="ticket-status">
          {TICKET_STATUS_LABELS[t.status]}
        </Tag>
      </div>
      <div className="bm-queue-code" data-testid="ticket-code" aria-label={`排队号 ${t.code}`}>
        {t.code}
      </div>
      <div className="bm-queue-what">
        <strong>{t.categoryName}</strong>
        {t.priority && t.reason && <Tag color="green">绿色通道 · {PRIORITY_REASON_LABELS[t.reason]}</Tag>}
      </div>
      {t.status === 'waiting' && (
        <div className="bm-queue-ahead">
          <div data-testid="people-ahead">
            前面还有 <b>{t.peopleAhead ?? 0}</b> 人
          </div>
          <small>{t.peopleAhead ? '请在大厅附近留意叫号，叫到时本页会提醒您' : '马上就到您了，请到大厅留意叫号'}</small>
        </div>
      )}
      {t.status === 'called' && (
        <div className="bm-queue-call" role="alert">
          <SoundOutlined aria-hidden />
          <strong data-testid="ticket-call">请到 {t.windowNumber} 号窗口办理</strong>
          <small>{t.windowName ? `${t.windowName} · ` : ''}请尽快前往，过号需重新排队</small>
        </div>
      )}
      {t.status === 'serving' && <div className="bm-queue-serving">正在 {t.windowNumber} 号窗口办理</div>}
      <div className="bm-muted bm-queue-taken">取号时间 {hm(t.takenAt)}</div>
      {t.cancellable && (
        <Button danger block onClick={cancel} style={{ marginTop: 12 }}>
          取消排号
        </Button>
      )}
    </div>
  );
}

function HallPicker({ halls, centerId, homeId, onPick }: { halls: Hall[]; centerId: string | undefined; homeId: string | undefined; onPick: (id: string) => void }) {
  // The two halls most people mean (their township's, the county's) as big buttons; the rest in a list.
  const featured = [halls.find((h) => h.id === homeId), halls.find((h) => h.level === 'county')].filter((h, i, a): h is Hall => !!h && a.findIndex((x) => x?.id === h.id) === i);
  const others = halls.filter((h) => !featured.includes(h));
  return (
    <>
      <div className="bm-queue-halls" role="radiogroup" aria-label="服务中心">
        {featured.map((h) => (
          <button key={h.id} type="button" role="radio" aria-checked={h.id === centerId} className="bm-queue-hall" onClick={() => onPick(h.id)}>
            <strong>{h.name}</strong>
            <small>{h.level === 'county' ? '县城' : h.id === homeId ? '本镇' : '乡镇'}</small>
          </button>
        ))}
      </div>
      {others.length > 0 && (
        <Select
          className="bm-queue-other"
          style={{ width: '100%' }}
          placeholder="其他服务中心"
          aria-label="其他服务中心"
          value={others.some((h) => h.id === centerId) ? centerId : undefined}
          onChange={onPick}
          options={others.map((h) => ({ value: h.id, label: h.name }))}
        />
      )}
    </>
  );
}

function QueueContent() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const { message } = App.useApp();
  const showError = useShowError();
  const [categoryId, setCategoryId] = useState<string | undefined>();
  const [flags, setFlags] = useState<Flag[]>([]);
  const [busy, setBusy] = useState(false);

  const halls = useLoad((signal) => api.get<QueueHalls>('/queue/centers', undefined, { signal }), []);
  const mine = useLoad((signal) => api.get<MyTickets>('/queue/my-tickets', undefined, { signal }), []);
  const homeId = useHomeHallId(halls.data?.items);
  const picked = params.get('center');
  const centerId = halls.data?.items.some((h) => h.id === picked) ? (picked ?? undefined) : homeId;
  const hall = halls.data?.items.find((h) => h.id === centerId);
  const cats = useLoad(
    (signal) => (centerId ? api.get<PublicCategories>(`/queue/centers/${centerId}/categories`, undefined, { signal }) : Promise.resolve(undefined)),
    [centerId],
  );

  const items = mine.data?.items ?? [];
  const open = items.filter(isOpen);
  const earlier = items.filter((t) => !isOpen(t));
  const here = open.find((t) => t.centerId === centerId);
  // Categories of the chosen hall only (not the previous hall's while the new ones load).
  const catsHere = cats.data?.centerId === centerId ? cats.data : undefined;
  const category = catsHere?.items.find((k) => k.id === categoryId && !k.capped);

  // Called since the last read: buzz (the card shows 「请到 N 号窗口办理」 in any case).
  const statuses = useRef(new Map<string, MyTicket['status']>());
  useEffect(() => {
    if (!mine.data) return;
    if (mine.data.items.some((t) => t.status === 'called' && statuses.current.get(t.id) === 'waiting')) buzz();
    statuses.current = new Map(mine.data.items.map((t) => [t.id, t.status]));
  }, [mine.data]);

  // Live: a ticket event of a center where I hold an open ticket re-reads mine (people ahead, called,
  // window); of the chosen center, its waiting counts. A recall of my called ticket buzzes again.
  const reloadMine = mine.reload;
  const reloadCats = cats.reload;
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  });
  const onHall = useCallback(
    (c: string, type: string, data: unknown) => {
      const held = openRef.current.filter((t) => t.centerId === c);
      if (held.length > 0) reloadMine();
      if (c === centerId) reloadCats();
      const code = (data as { data?: { code?: string } } | null)?.data?.code;
      if (type === 'ticket.recalled' && held.some((t) => t.status === 'called' && t.code === code)) buzz();
    },
    [centerId, reloadMine, reloadCats],
  );
  const followed = [...new Set([...open.map((t) => t.centerId), ...(centerId ? [centerId] : [])])];

  if (me && me.user.kind !== 'citizen') {
    return <Alert type="info" showIcon title="工作人员账号不能在线取号" description="请使用实名注册的群众账号登录后取号。" />;
  }

  const pickHall = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('center', id);
    setParams(next, { replace: true });
    setCategoryId(undefined);
  };

  const take = async () => {
    if (!centerId || !category) return;
    setBusy(true);
    try {
      const body: PortalTakeInput = { categoryId: category.id };
      for (const f of flags) body[f] = true;
      const t = await api.post<TakenTicket>(`/queue/centers/${centerId}/my-tickets`, body);
      void message.success(`取号成功，您的号是 ${t.code}`);
      setCategoryId(undefined);
      setFlags([]);
      reloadMine();
      reloadCats();
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'TICKET_ALREADY_OPEN') reloadMine();
      if (e instanceof ApiError && e.code === 'QUEUE_CAP_REACHED') {
        setCategoryId(undefined);
        reloadCats();
      }
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {followed.map((c) => (
        <HallFeed key={c} centerId={c} onChange={onHall} />
      ))}
      {mine.error ? (
        <Alert type="error" showIcon title={mine.error.message} action={<Button size="small" onClick={reloadMine}>重试</Button>} />
      ) : open.length > 0 ? (
        <Card
          title={
            <span>
              <FieldNumberOutlined /> 我的排号
            </span>
          }
          extra={<span className="bm-muted">自动更新</span>}
          styles={{ body: { padding: 12 } }}
          data-testid="my-tickets"
        >
          {open.map((t) => (
            <TicketCard key={t.id} t={t} onChanged={reloadMine} />
          ))}
        </Card>
      ) : null}

      <Card
        title={
          <span>
            <FieldNumberOutlined /> 在线取号
          </span>
        }
        extra={<Link to="/portal/appointments/new">预约办事</Link>}
      >
        <p className="bm-queue-intro">快到大厅时在手机上取号，不用在取号机前排队；叫到您的号时，本页会提醒您到几号窗口。</p>
        <div className="bm-queue-section">
          <h3>1. 服务中心</h3>
          {halls.loading && !halls.data ? (
            <Skeleton.Input active block />
          ) : halls.error ? (
            <Alert type="error" showIcon title={halls.error.message} action={<Button size="small" onClick={halls.reload}>重试</Button>} />
          ) : (
            <HallPicker halls={halls.data?.items ?? []} centerId={centerId} homeId={homeId} onPick={pickHall} />
          )}
          {hall?.address && <div className="bm-muted" style={{ marginTop: 6 }}>{hall.address}</div>}
        </div>

        {centerId && here ? (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 16 }}
            title={`您今天在这里已有排号 ${here.code}`}
            description="同一服务中心每天只能有一个未办完的号；办完或取消后可以再取号。"
          />
        ) : centerId ? (
          <>
            <div className="bm-queue-section">
              <h3>2. 办理业务</h3>
              {cats.error ? (
                <Alert type="error" showIcon title={cats.error.message} action={<Button size="small" onClick={reloadCats}>重试</Button>} />
              ) : !catsHere ? (
                <Skeleton active paragraph={{ rows: 2 }} />
              ) : !catsHere.items.length ? (
                <Empty description="这个服务中心暂未开放在线取号" />
              ) : (
                <div className="bm-queue-cats" data-testid="queue-categories">
                  {catsHere.items.map((k) =>
                    k.capped ? (
                      <div key={k.id} className="bm-queue-cat-wrap">
                        <button type="button" className="bm-queue-cat" disabled>
                          <strong>{k.name}</strong>
                          <span>今日号已取完</span>
                        </button>
                        <Link to={`/portal/appointments/new?center=${centerId}&category=${k.id}`} className="bm-queue-cat-book">
                          预约办事
                        </Link>
                      </div>
                    ) : (
                      <button key={k.id} type="button" className="bm-queue-cat" aria-pressed={k.id === categoryId} onClick={() => setCategoryId(k.id)}>
                        <strong>{k.name}</strong>
                        <span>等候 {k.waiting} 人</span>
                      </button>
                    ),
                  )}
                </div>
              )}
            </div>
            {category && hall && (
              <>
                <div className="bm-queue-section">
                  <h3>3. 绿色通道（可不选）</h3>
                  <Checkbox.Group
                    className="bm-queue-flags"
                    value={flags}
                    onChange={(v) => setFlags(v as Flag[])}
                    options={FLAGS.map((f) => ({ value: f, label: PRIORITY_REASON_LABELS[f] }))}
                  />
                  <div className="bm-muted" style={{ marginTop: 6 }}>
                    老年人按您实名登记的身份证号自动优先，不用勾选。请如实勾选，到窗口时请出示相关证件。
                  </div>
                </div>
                <div className="bm-queue-section">
                  <h3>4. 确认取号</h3>
                  <div className="bm-queue-summary" data-testid="queue-summary">
                    <div>{hall.name}</div>
                    <div>
                      <strong>{category.name}</strong> · 现在等候 {category.waiting} 人
                    </div>
                    {flags.length > 0 && <div>绿色通道：{flags.map((f) => PRIORITY_REASON_LABELS[f]).join('、')}</div>}
                    <div className="bm-muted">号当天有效。取号后请到大厅附近等候，叫到您的号时请尽快到窗口。</div>
                  </div>
                  <Button type="primary" block size="large" style={{ marginTop: 12 }} loading={busy} onClick={() => void take()} data-testid="queue-confirm">
                    确认取号
                  </Button>
                </div>
              </>
            )}
          </>
        ) : null}
      </Card>

      {earlier.length > 0 && (
        <Card title="今天的其他号" size="small" data-testid="earlier-tickets">
          {earlier.map((t) => (
            <div key={t.id} className="bm-queue-earlier">
              <span className="bm-queue-earlier-code">{t.code}</span>
              <span className="bm-queue-earlier-what">
                {t.categoryName} · {t.centerName}
              </span>
              <Tag color={STATUS_COLOR[t.status]} style={{ marginInlineEnd: 0, flex: 'none' }}>
                {TICKET_STATUS_LABELS[t.status]}
              </Tag>
            </div>
          ))}
        </Card>
      )}
    </>
  );
}

/** 在线取号 and 我的排号: take a ticket at a hall from the phone, follow it live, cancel it while waiting. */
export default function QueuePage() {
  usePageTitle('在线取号 - 网上办事大厅');
  return (
    <div className="bm-portal-page">
      <RequireLogin>
        <QueueContent />
      </RequireLogin>
    </div>
  );
}
