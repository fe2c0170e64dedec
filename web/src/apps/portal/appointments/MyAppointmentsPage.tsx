import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Skeleton, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../shared/api';
import { useLoad, useShowError } from '../../../shared/hooks';
import { usePageTitle } from '../../../shared/title';
import { RequireLogin } from '../RequireLogin';
import { codeGroups, dayLabel, type Appointment, type MyAppointments } from './types';
import './appointments.css';

const STATUS_COLOR: Record<Appointment['status'], string> = { booked: 'blue', checked_in: 'green', cancelled: 'default', no_show: 'red' };
const hm = (iso: string) => dayjs(iso).format('HH:mm');

function AppointmentCard({ a, highlight, onChanged }: { a: Appointment; highlight: boolean; onChanged: () => void }) {
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const cancel = () =>
    modal.confirm({
      title: '取消这个预约？',
      content: `${dayLabel(a.day)} ${a.startsAt}–${a.endsAt}，${a.categoryName}。取消后名额会让给其他人。`,
      okText: '取消预约',
      okButtonProps: { danger: true },
      cancelText: '不取消',
      onOk: async () => {
        setBusy(true);
        try {
          await api.post<Appointment>(`/appointments/${a.id}/cancel`, { version: a.version });
          void message.success('已取消预约');
          onChanged();
        } catch (e) {
          showError(e);
        } finally {
          setBusy(false);
        }
      },
    });
  return (
    <div className="bm-appt-card" data-testid="my-appointment" style={highlight ? { borderColor: '#1677ff' } : undefined}>
      <div className="bm-appt-head">
        <div style={{ minWidth: 0 }}>
          <div className="bm-appt-when">
            {dayLabel(a.day)} {a.startsAt}–{a.endsAt}
          </div>
          <div>
            {a.centerName} · {a.categoryName}
          </div>
        </div>
        <Tag color={STATUS_COLOR[a.status]} style={{ marginInlineEnd: 0, flex: 'none' }}>
          {a.statusLabel}
        </Tag>
      </div>
      {a.status === 'booked' && (
        <>
          <div className="bm-muted" style={{ marginTop: 8 }}>
            预约码（到大厅取号机输入签到）
          </div>
          <div className="bm-appt-code" data-testid="appt-code" aria-label={`预约码 ${a.code.split('').join(' ')}`}>
            {codeGroups(a.code)}
          </div>
          <div className="bm-muted">
            签到时间：{hm(a.checkInOpens)}–{hm(a.checkInCloses)}
            {a.centerAddress ? ` · ${a.centerAddress}` : ''}
          </div>
        </>
      )}
      {a.status === 'checked_in' && a.ticketCode && <div style={{ marginTop: 8 }}>已签到，排队号 <strong>{a.ticketCode}</strong></div>}
      {a.status === 'no_show' && <div className="bm-muted" style={{ marginTop: 8 }}>未在签到时间内到场，记为爽约一次。</div>}
      {a.changeable && (
        <div className="bm-appt-actions">
          <Button onClick={() => navigate(`/portal/appointments/new?center=${a.centerId}&category=${a.categoryId}&change=${a.id}`)} disabled={busy}>
            改约
          </Button>
          <Button danger onClick={cancel} loading={busy}>
            取消预约
          </Button>
        </div>
      )}
    </div>
  );
}

function Mine() {
  const [params] = useSearchParams();
  const just = params.get('just');
  const r = useLoad((signal) => api.get<MyAppointments>('/appointments/mine', undefined, { signal }), []);
  const items = r.data?.items ?? [];
  // Upcoming bookings soonest first; the rest (cancelled, checked in, no-show) newest first.
  const current = items.filter((a) => a.status === 'booked').sort((x, y) => `${x.day} ${x.startsAt}`.localeCompare(`${y.day} ${y.startsAt}`));
  const past = items.filter((a) => a.status !== 'booked');
  return (
    <Card
      title="我的预约"
      styles={{ body: { padding: 12 } }}
      extra={
        <Link to="/portal/appointments/new">
          <PlusOutlined /> 新预约
        </Link>
      }
    >
      {r.loading && !r.data ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : r.error ? (
        <Alert type="error" showIcon title={r.error.message} action={<Button size="small" onClick={r.reload}>重试</Button>} />
      ) : (
        <>
          {r.data?.blockedUntil && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="appt-blocked"
              title="暂时不能预约"
              description={`您近期多次预约后未到场，${dayLabel(r.data.blockedUntil)}（${r.data.blockedUntil}）起才能再次预约。现场取号不受影响。`}
            />
          )}
          {items.length === 0 ? (
            <Empty description="您还没有预约。预约后到大厅签到，可优先叫号。">
              <Link to="/portal/appointments/new">
                <Button type="primary">预约办事</Button>
              </Link>
            </Empty>
          ) : (
            <>
              {current.map((a) => (
                <AppointmentCard key={a.id} a={a} highlight={a.id === just} onChanged={r.reload} />
              ))}
              {past.length > 0 && (
                <>
                  <div className="bm-muted" style={{ margin: '16px 0 8px' }}>
                    以往预约
                  </div>
                  {past.map((a) => (
                    <AppointmentCard key={a.id} a={a} highlight={false} onChanged={r.reload} />
                  ))}
                </>
              )}
            </>
          )}
        </>
      )}
    </Card>
  );
}

/** 我的预约: bookings with the large code, change and cancel, the no-show block. */
export default function MyAppointmentsPage() {
  usePageTitle('我的预约 - 网上办事大厅');
  return (
    <div className="bm-portal-page">
      <RequireLogin>
        <Mine />
      </RequireLogin>
    </div>
  );
}
