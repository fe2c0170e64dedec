import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Drawer, Empty, Form, InputNumber, Select, Space, Switch, Table, Tag, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type * as C from '../../../../../../src/modules/appointments/appointments.contract';
import { api } from '../../../../shared/api';
import { useAuth } from '../../../../shared/auth';
import { useLoad, useShowError } from '../../../../shared/hooks';
import { PageHeader } from '../../../../shared/PageHeader';
import { chinaToday, showRangeFieldError } from './hallShared';

type Session = z.infer<typeof C.Session>;
type SessionList = z.infer<typeof C.SessionList>;
type DayBookings = z.infer<typeof C.DayBookings>;
type Kind = Session['kind'];

const KIND_OPTIONS: { value: Kind; label: string; weekdays: number[]; from: string; to: string }[] = [
  { value: 'regular', label: '工作日', weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '11:30' },
  { value: 'weekend', label: '周末/节假日', weekdays: [6], from: '09:00', to: '12:00' },
  { value: 'after_hours', label: '延时服务（17:00 以后）', weekdays: [1, 2, 3, 4, 5], from: '17:30', to: '19:00' },
];
const WEEKDAY_LABELS = ['一', '二', '三', '四', '五', '六', '日'];
const STATUS_COLOR: Record<string, string> = { booked: 'blue', checked_in: 'green', no_show: 'red', cancelled: 'default' };

interface FormValues {
  categoryId: string;
  kind: Kind;
  weekdays: number[];
  range: [Dayjs, Dayjs];
  slotMinutes: number;
  capacity: number;
  active: boolean;
}

function SessionDrawer({ centerId, categories, editing, onClose, onSaved }: { centerId: string; categories: SessionList['categories']; editing: Session | null | undefined; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const { message } = App.useApp();
  const open = editing !== undefined;
  useEffect(() => {
    if (!open) return;
    const t = (s: string) => dayjs(`2000-01-01T${s}`);
    form.resetFields();
    form.setFieldsValue(
      editing
        ? { categoryId: editing.categoryId, kind: editing.kind, weekdays: editing.weekdays, range: [t(editing.startsAt), t(editing.endsAt)], slotMinutes: editing.slotMinutes, capacity: editing.capacity, active: editing.active }
        : { categoryId: categories[0]?.id, kind: 'regular', weekdays: [1, 2, 3, 4, 5], range: [t('09:00'), t('11:30')], slotMinutes: 30, capacity: 3, active: true },
    );
  }, [open, editing, categories, form]);

  const save = async (v: FormValues) => {
    setBusy(true);
    const body = { categoryId: v.categoryId, kind: v.kind, weekdays: [...v.weekdays].sort(), startsAt: v.range[0].format('HH:mm'), endsAt: v.range[1].format('HH:mm'), slotMinutes: v.slotMinutes, capacity: v.capacity, active: v.active };
    try {
      if (editing) await api.put(`/appointments/sessions/${editing.id}`, { ...body, version: editing.version });
      else await api.post('/appointments/sessions', { ...body, centerId });
      void message.success('预约时段已保存，可预约的号源已更新');
      onSaved();
    } catch (e) {
      showError(e, form);
      showRangeFieldError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} title={editing ? '修改预约时段' : '新增预约时段'} size="default" destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={busy} requiredMark={false}>
        <Form.Item name="categoryId" label="业务类别" rules={[{ required: true, message: '请选择业务类别' }]}>
          <Select options={categories.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select
            options={KIND_OPTIONS.map((k) => ({ value: k.value, label: k.label }))}
            onChange={(k: Kind) => {
              const o = KIND_OPTIONS.find((x) => x.value === k)!;
              form.setFieldsValue({ weekdays: o.weekdays, range: [dayjs(`2000-01-01T${o.from}`), dayjs(`2000-01-01T${o.to}`)] });
            }}
          />
        </Form.Item>
        <Form.Item name="weekdays" label="星期" extra="工作日时段遇节假日自动停开、遇调休上班日照常；周末时段也适用于法定节假日。" rules={[{ required: true, message: '请选择星期' }]}>
          <Checkbox.Group options={WEEKDAY_LABELS.map((l, i) => ({ value: i + 1, label: `周${l}` }))} />
        </Form.Item>
        <Form.Item name="range" label="开始—结束" rules={[{ required: true, message: '请选择时间' }]}>
          <TimePicker.RangePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
        </Form.Item>
        <Space>
          <Form.Item name="slotMinutes" label="每段分钟" rules={[{ required: true, message: '必填' }]}>
            <InputNumber min={5} max={240} step={5} />
          </Form.Item>
          <Form.Item name="capacity" label="每段可约人数" rules={[{ required: true, message: '必填' }]}>
            <InputNumber min={1} max={200} />
          </Form.Item>
        </Space>
        <Form.Item name="active" label="开放预约" valuePropName="checked" extra="停开后未被预约的号源撤下，已预约的保留。">
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          保存
        </Button>
      </Form>
    </Drawer>
  );
}

/** 预约管理 (directors): a center's sessions (时段模板) and a day's bookings. */
export default function AppointmentSessionsPage() {
  const { can } = useAuth();
  const centers = useLoad((signal) => api.get<{ items: { id: string; name: string }[] }>('/appointments/managed-centers', undefined, { signal }), []);
  const [centerId, setCenterId] = useState<string>();
  const [day, setDay] = useState<Dayjs>(chinaToday);
  const [editing, setEditing] = useState<Session | null | undefined>(undefined);
  const current = centerId ?? centers.data?.items[0]?.id;
  const sessions = useLoad((signal) => (current ? api.get<SessionList>('/appointments/sessions', { centerId: current }, { signal }) : Promise.resolve(undefined)), [current]);
  const bookings = useLoad(
    (signal) => (current ? api.get<DayBookings>('/appointments/day', { centerId: current, day: day.format('YYYY-MM-DD') }, { signal }) : Promise.resolve(undefined)),
    [current, day.format('YYYY-MM-DD')],
  );
  const mayEdit = can('appointment.create');

  return (
    <div>
      <PageHeader
        title="预约管理"
        sub="设置各业务类别可预约的时段和人数，群众在网上办事大厅预约后到厅签到、优先叫号。"
        extra={
          <Select
            style={{ minWidth: 220 }}
            loading={centers.loading}
            value={current}
            onChange={setCenterId}
            options={(centers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            placeholder="服务中心"
          />
        }
      />
      {centers.error && <Alert type="error" showIcon title={centers.error.message} />}
      <Card
        title="预约时段"
        size="small"
        extra={
          mayEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} disabled={!sessions.data?.categories.length}>
              新增时段
            </Button>
          )
        }
      >
        {sessions.data && sessions.data.categories.length === 0 && <Alert type="info" showIcon title="本中心还没有业务类别，请先在排队叫号设置中添加业务类别。" style={{ marginBottom: 12 }} />}
        <Table<Session>
          rowKey="id"
          size="small"
          loading={sessions.loading}
          dataSource={sessions.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description="还没有预约时段" /> }}
          columns={[
            { title: '业务类别', dataIndex: 'categoryName' },
            { title: '类型', dataIndex: 'kindLabel', render: (v: string, s) => <Tag color={s.kind === 'regular' ? 'blue' : s.kind === 'weekend' ? 'purple' : 'orange'}>{v}</Tag> },
            { title: '星期', dataIndex: 'weekdays', render: (w: number[]) => w.map((d) => `周${WEEKDAY_LABELS[d - 1]}`).join('、') },
            { title: '时间', render: (_, s) => `${s.startsAt}–${s.endsAt}` },
            { title: '每段', dataIndex: 'slotMinutes', render: (m: number) => `${m} 分钟` },
            { title: '每段人数', dataIndex: 'capacity' },
            { title: '状态', dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">开放</Tag> : <Tag>停开</Tag>) },
            ...(mayEdit ? [{ title: '', key: 'edit', render: (_: unknown, s: Session) => <Button size="small" onClick={() => setEditing(s)}>修改</Button> }] : []),
          ]}
        />
      </Card>
      <Card
        title="预约名单"
        size="small"
        style={{ marginTop: 16 }}
        extra={
          <Space>
            <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} />
            <Button icon={<ReloadOutlined />} onClick={bookings.reload} loading={bookings.loading}>
              刷新
            </Button>
          </Space>
        }
      >
        {bookings.data && bookings.data.slots.length > 0 && (
          <div className="bm-muted" style={{ marginBottom: 8 }}>
            共 {bookings.data.slots.length} 个时段，号源 {bookings.data.slots.reduce((n, s) => n + s.capacity, 0)} 个，已约 {bookings.data.slots.reduce((n, s) => n + s.booked, 0)} 个
          </div>
        )}
        <Table
          rowKey="id"
          size="small"
          loading={bookings.loading}
          dataSource={bookings.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description="这一天没有预约" /> }}
          columns={[
            { title: '时段', render: (_, b) => `${b.startsAt}–${b.endsAt}` },
            { title: '业务类别', dataIndex: 'categoryName' },
            { title: '预约人', dataIndex: 'personName' },
            { title: '办理事项', dataIndex: 'itemName', render: (v: string | null) => v ?? '—' },
            { title: '状态', dataIndex: 'statusLabel', render: (v: string, b) => <Tag color={STATUS_COLOR[b.status]}>{v}</Tag> },
            { title: '排队号', dataIndex: 'ticketCode', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      {current && sessions.data && (
        <SessionDrawer
          centerId={current}
          categories={sessions.data.categories}
          editing={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            sessions.reload();
            bookings.reload();
          }}
        />
      )}
    </div>
  );
}
