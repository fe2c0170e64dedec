import { CalendarOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Radio, Select, Skeleton } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../../shared/api';
import { useAuth } from '../../../shared/auth';
import { useLoad, useShowError } from '../../../shared/hooks';
import { usePageTitle } from '../../../shared/title';
import { useHomeHallId } from '../catalog/place';
import { RequireLogin } from '../RequireLogin';
import { dayLabel, type Appointment, type BookableCenters, type MyAppointments, type SlotList } from './types';
import './appointments.css';

const KIND_NOTE: Record<string, string> = { weekend: '周末', after_hours: '延时' };

function BookForm() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const centers = useLoad((signal) => api.get<BookableCenters>('/appointments/centers', undefined, { signal }), []);
  // The citizen's own township hall (else the county hall) until they pick another.
  const homeId = useHomeHallId(centers.data?.items);
  const centerId = params.get('center') ?? (centers.data?.items.some((c) => c.id === homeId) ? homeId : undefined);
  const categoryId = params.get('category') ?? undefined;
  const changeId = params.get('change') ?? undefined;
  const [day, setDay] = useState<string | undefined>(params.get('day') ?? undefined);
  const [slotId, setSlotId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [slotsKey, setSlotsKey] = useState(0);

  const mine = useLoad((signal) => api.get<MyAppointments>('/appointments/mine', undefined, { signal }), []);
  const slots = useLoad(
    (signal) => (centerId && categoryId ? api.get<SlotList>('/appointments/slots', { centerId, categoryId }, { signal }) : Promise.resolve(undefined)),
    [centerId, categoryId, slotsKey],
  );

  const center = centers.data?.items.find((c) => c.id === centerId);
  const category = center?.categories.find((c) => c.id === categoryId);
  const changing = changeId ? mine.data?.items.find((a) => a.id === changeId) : undefined;
  const blockedUntil = blocked ?? (changeId ? null : (mine.data?.blockedUntil ?? null));

  const perDay = useMemo(() => {
    const m = new Map<string, number>();
    for (const d of slots.data?.days ?? []) m.set(d, 0);
    for (const s of slots.data?.items ?? []) m.set(s.day, (m.get(s.day) ?? 0) + s.available);
    return m;
  }, [slots.data]);
  const daySlots = (slots.data?.items ?? []).filter((s) => s.day === day);
  // Slots the person already holds cannot be taken twice.
  const held = new Set((mine.data?.items ?? []).filter((a) => a.status === 'booked').map((a) => a.slotId));
  const slot = daySlots.find((s) => s.id === slotId);

  if (me && me.user.kind !== 'citizen') {
    return <Alert type="info" showIcon title="工作人员账号不能预约" description="请使用实名注册的群众账号登录后预约。" />;
  }

  const setParam = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
    setDay(undefined);
    setSlotId(undefined);
  };

  const confirm = async () => {
    if (!slot) return;
    setBusy(true);
    try {
      const a = changing
        ? await api.post<Appointment>(`/appointments/${changing.id}/change`, { slotId: slot.id, version: changing.version })
        : await api.post<Appointment>('/appointments', { slotId: slot.id });
      void message.success(changing ? '改约成功' : '预约成功，请记好预约码');
      navigate(`/portal/me/appointments?just=${a.id}`, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'APPOINTMENT_BLOCKED') {
        setBlocked((e.details as { until?: string } | undefined)?.until ?? '');
      } else if (e instanceof ApiError && (e.code === 'APPOINTMENT_SLOT_FULL' || e.code === 'APPOINTMENT_SLOT_PAST')) {
        setSlotId(undefined);
        setSlotsKey((k) => k + 1);
        showError(e);
      } else showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={
        <span>
          <CalendarOutlined /> {changing ? '改约' : '预约办事'}
        </span>
      }
      extra={<Link to="/portal/me/appointments">我的预约</Link>}
    >
      {blockedUntil !== null && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="appt-blocked"
          title="暂时不能预约"
          description={`您近期多次预约后未按时到场签到，${blockedUntil ? `${dayLabel(blockedUntil)}（${blockedUntil}）起` : '过一段时间后'}才能再次预约。现在仍可以到大厅现场取号办理。`}
        />
      )}
      {changing && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`原预约：${dayLabel(changing.day)} ${changing.startsAt}–${changing.endsAt}`} description="选好新时段后确认，原时段会自动释放。" />
      )}
      <div className="bm-appt-section">
        <h3>1. 服务中心</h3>
        {centers.loading ? (
          <Skeleton.Input active block />
        ) : centers.error ? (
          <Alert type="error" showIcon title={centers.error.message} />
        ) : (
          <Select
            style={{ width: '100%' }}
            placeholder="请选择服务中心"
            value={centerId}
            disabled={!!changing}
            onChange={(v: string) => setParam({ center: v, category: undefined })}
            options={(centers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            notFoundContent="暂无可预约的服务中心"
            data-testid="appt-center"
          />
        )}
        {center?.address && <div className="bm-muted" style={{ marginTop: 4 }}>{center.address}</div>}
      </div>
      {center && (
        <div className="bm-appt-section">
          <h3>2. 办理业务</h3>
          <Radio.Group value={categoryId} onChange={(e) => setParam({ category: e.target.value as string })} style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {center.categories.map((c) => (
              <Radio.Button key={c.id} value={c.id} style={{ borderRadius: 6, borderInlineStartWidth: 1 }}>
                {c.name}
              </Radio.Button>
            ))}
          </Radio.Group>
        </div>
      )}
      {category && (
        <div className="bm-appt-section">
          <h3>3. 日期</h3>
          {slots.loading && !slots.data ? (
            <Skeleton active paragraph={{ rows: 1 }} />
          ) : slots.error ? (
            <Alert type="error" showIcon title={slots.error.message} action={<Button size="small" onClick={slots.reload}>重试</Button>} />
          ) : (
            <div className="bm-appt-days" data-testid="appt-days">
              {[...perDay.entries()].map(([d, n]) => (
                <button
                  key={d}
                  type="button"
                  className="bm-appt-day"
                  aria-pressed={d === day}
                  disabled={n === 0}
                  onClick={() => {
                    setDay(d);
                    setSlotId(undefined);
                  }}
                >
                  {dayLabel(d).split(' ')[0]}
                  <small>{dayLabel(d).split(' ')[1]}</small>
                  <small>{n > 0 ? `余 ${n}` : (slots.data?.items.some((s) => s.day === d) ? '已约满' : '不开放')}</small>
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      {category && day && (
        <div className="bm-appt-section">
          <h3>4. 时段</h3>
          {daySlots.length === 0 ? (
            <Empty description="这一天没有可预约的时段" />
          ) : (
            <div className="bm-appt-slots" data-testid="appt-slots">
              {daySlots.map((s) => (
                <Button key={s.id} type={s.id === slotId ? 'primary' : 'default'} disabled={s.available === 0 || held.has(s.id)} onClick={() => setSlotId(s.id)}>
                  <span>
                    {s.startsAt}–{s.endsAt}
                    {KIND_NOTE[s.kind] ? ` · ${KIND_NOTE[s.kind]}` : ''}
                  </span>
                  <small>{held.has(s.id) ? '您已预约' : s.available > 0 ? `余 ${s.available} 个` : '已约满'}</small>
                </Button>
              ))}
            </div>
          )}
        </div>
      )}
      {slot && center && category && (
        <div className="bm-appt-section">
          <h3>5. 确认</h3>
          <div className="bm-appt-summary" data-testid="appt-summary">
            <div>{center.name}</div>
            <div>{category.name}</div>
            <div>
              <strong>
                {dayLabel(slot.day)} {slot.startsAt}–{slot.endsAt}
              </strong>
            </div>
            <div className="bm-muted">预约成功后会得到预约码。请按时到大厅，在取号机输入预约码签到，优先叫号。多次预约后不到场将暂停预约。</div>
          </div>
          <Button type="primary" block size="large" style={{ marginTop: 12 }} loading={busy} disabled={blockedUntil !== null} onClick={() => void confirm()} data-testid="appt-confirm">
            {changing ? '确认改约' : '确认预约'}
          </Button>
        </div>
      )}
    </Card>
  );
}

/** 预约办事: pick a center, a category, a day (next 14 days with places left) and a time slot. */
export default function NewAppointmentPage() {
  usePageTitle('预约办事 - 网上办事大厅');
  return (
    <div className="bm-portal-page">
      <RequireLogin>
        <BookForm />
      </RequireLogin>
    </div>
  );
}
