import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Drawer, Form, Select, Space, Switch, Table, Tag, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type * as C from '../../../../../../src/modules/hallstats/hallstats.contract';
import { api, download } from '../../../../shared/api';
import { useCan } from '../../../../shared/auth';
import { useLoad, useShowError } from '../../../../shared/hooks';
import { PageHeader } from '../../../../shared/PageHeader';
import { chinaToday, hhmm, showRangeFieldError, useHallPicker } from './hallShared';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const STATE_TAG: Record<C.WindowsNowResponse['windows'][number]['state'], { color: string; text: string }> = {
  open: { color: 'green', text: '开放' },
  paused: { color: 'orange', text: '暂停' },
  closed: { color: 'default', text: '关闭' },
};
const STATUS_TAG: Record<C.AttendanceRow['status'], { color: string; text: string }> = {
  on_time: { color: 'green', text: '正常' },
  late: { color: 'orange', text: '迟到' },
  absent: { color: 'red', text: '缺勤' },
  upcoming: { color: 'default', text: '未到上班时间' },
};

interface RosterForm {
  windowId: string;
  userId: string;
  weekdays: number[];
  range: [Dayjs, Dayjs];
  active: boolean;
}

function RosterDrawer({ centerId, windows, editing, onClose, onSaved }: { centerId: string; windows: { id: string; label: string }[]; editing: C.Roster | null | undefined; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<RosterForm>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const { message } = App.useApp();
  const open = editing !== undefined;
  const staff = useLoad((signal) => (open ? api.get<{ items: { id: string; name: string }[] }>(`/hallstats/centers/${centerId}/staff`, undefined, { signal }) : Promise.resolve(undefined)), [open, centerId]);
  useEffect(() => {
    if (!open) return;
    const t = (s: string) => dayjs(`2000-01-01T${s}`);
    form.resetFields();
    form.setFieldsValue(
      editing
        ? { windowId: editing.windowId, userId: editing.userId, weekdays: editing.weekdays, range: [t(editing.startsAt), t(editing.endsAt)], active: editing.active }
        : { windowId: windows[0]?.id, weekdays: [1, 2, 3, 4, 5], range: [t('09:00'), t('17:00')], active: true },
    );
  }, [open, editing, windows, form]);
  const save = async (v: RosterForm) => {
    setBusy(true);
    const body = { windowId: v.windowId, userId: v.userId, weekdays: [...v.weekdays].sort(), startsAt: v.range[0].format('HH:mm'), endsAt: v.range[1].format('HH:mm'), active: v.active };
    try {
      if (editing) await api.put(`/hallstats/centers/${centerId}/rosters/${editing.id}`, body);
      else await api.post(`/hallstats/centers/${centerId}/rosters`, body);
      void message.success('排班已保存');
      onSaved();
    } catch (e) {
      showError(e, form);
      showRangeFieldError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open={open} onClose={onClose} title={editing ? '修改排班' : '新增排班'} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={busy} requiredMark={false}>
        <Form.Item name="windowId" label="窗口" rules={[{ required: true, message: '请选择窗口' }]}>
          <Select options={windows.map((w) => ({ value: w.id, label: w.label }))} />
        </Form.Item>
        <Form.Item name="userId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={staff.loading} options={(staff.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="weekdays" label="星期（仅在工作日历的工作日生效）" rules={[{ required: true, message: '至少选择一天' }]}>
          <Checkbox.Group options={WEEKDAYS.map((d, i) => ({ value: i + 1, label: `周${d}` }))} />
        </Form.Item>
        <Form.Item name="range" label="上班 — 下班" rules={[{ required: true, message: '请选择时间' }]}>
          <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
        </Form.Item>
        <Form.Item name="active" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          保存
        </Button>
      </Form>
    </Drawer>
  );
}

/** 考勤: which windows are open now and who is on them, the daily attendance report, rosters. */
export default function AttendancePage() {
  const can = useCan();
  const { centerId, picker } = useHallPicker();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [chinaToday().subtract(6, 'day'), chinaToday()]);
  const [exporting, setExporting] = useState(false);
  const [editing, setEditing] = useState<C.Roster | null>();
  const showError = useShowError();
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const now = useLoad((signal) => (centerId ? api.get<C.WindowsNowResponse>(`/hallstats/centers/${centerId}/windows-now`, undefined, { signal }) : Promise.resolve(undefined)), [centerId]);
  const report = useLoad((signal) => (centerId ? api.get<C.AttendanceResponse>(`/hallstats/centers/${centerId}/attendance`, { from, to }, { signal }) : Promise.resolve(undefined)), [centerId, from, to]);
  const rosters = useLoad((signal) => (centerId ? api.get<{ items: C.Roster[] }>(`/hallstats/centers/${centerId}/rosters`, undefined, { signal }) : Promise.resolve(undefined)), [centerId]);
  const mayEdit = can('hall_settings.update');
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await download(`/hallstats/centers/${centerId}/attendance.xlsx`, { from, to }, 'attendance.xlsx');
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };
  const t = report.data?.totals;
  return (
    <>
      <PageHeader title="考勤" sub="窗口签到签退、迟到缺勤与排班" extra={picker} />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card
          title="窗口现状"
          size="small"
          extra={
            <Button icon={<ReloadOutlined />} onClick={now.reload} loading={now.loading}>
              刷新
            </Button>
          }
        >
          {now.error && <Alert type="error" showIcon title={now.error.message} />}
          <Table
            size="small"
            rowKey="windowId"
            loading={now.loading}
            pagination={false}
            dataSource={now.data?.windows ?? []}
            scroll={{ x: true }}
            columns={[
              { title: '窗口', render: (_, w) => `${w.number} 号 ${w.name}` },
              { title: '状态', render: (_, w) => <Tag color={STATE_TAG[w.state].color}>{STATE_TAG[w.state].text}</Tag> },
              { title: '在岗人员', render: (_, w) => w.userName ?? '—' },
              { title: '签到时间', render: (_, w) => hhmm(w.since) },
              { title: '暂停', render: (_, w) => (w.pausedSince ? `${hhmm(w.pausedSince)} 起${w.pauseReason ? `（${w.pauseReason}）` : ''}` : '—') },
            ]}
          />
        </Card>
        <Card
          title="考勤日报"
          size="small"
          extra={
            <Space wrap>
              <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} />
              {can('window_session.export') && (
                <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} disabled={!centerId}>
                  导出 Excel
                </Button>
              )}
            </Space>
          }
        >
          {report.error && <Alert type="error" showIcon title={report.error.message} />}
          {t && (
            <Space wrap style={{ marginBottom: 12 }}>
              <Tag>应到 {t.lines} 人次</Tag>
              <Tag color="orange">迟到 {t.late}</Tag>
              <Tag color="red">缺勤 {t.absent}</Tag>
              <Tag color="gold">早退 {t.earlyLeave}</Tag>
              <span style={{ color: '#8c8c8c' }}>迟到以上班时间后 {report.data?.graceMinutes} 分钟为准；仅统计工作日。</span>
            </Space>
          )}
          <Table
            size="small"
            rowKey={(r) => `${r.date}|${r.rosterId}`}
            loading={report.loading}
            dataSource={report.data?.rows ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: true }}
            columns={[
              { title: '日期', dataIndex: 'date' },
              { title: '窗口', render: (_, r) => `${r.windowNumber} 号 ${r.windowName}` },
              { title: '人员', dataIndex: 'userName' },
              { title: '排班', render: (_, r) => `${r.startsAt}–${r.endsAt}` },
              {
                title: '状态',
                render: (_, r) => (
                  <Space size={4}>
                    <Tag color={STATUS_TAG[r.status].color}>
                      {STATUS_TAG[r.status].text}
                      {r.lateMinutes ? ` ${r.lateMinutes} 分钟` : ''}
                    </Tag>
                    {r.earlyLeave && <Tag color="gold">早退 {r.earlyMinutes} 分钟</Tag>}
                  </Space>
                ),
              },
              { title: '首次签到', render: (_, r) => hhmm(r.firstSignIn) },
              { title: '最后签退', render: (_, r) => (r.firstSignIn && !r.lastSignOut ? '在岗' : hhmm(r.lastSignOut)) },
              { title: '在岗', render: (_, r) => `${Math.floor(r.workedMinutes / 60)} 小时 ${r.workedMinutes % 60} 分` },
            ]}
          />
        </Card>
        <Card
          title="排班"
          size="small"
          extra={
            mayEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} disabled={!centerId}>
                新增排班
              </Button>
            )
          }
        >
          {rosters.error && <Alert type="error" showIcon title={rosters.error.message} />}
          <Table
            size="small"
            rowKey="id"
            loading={rosters.loading}
            dataSource={rosters.data?.items ?? []}
            pagination={false}
            scroll={{ x: true }}
            columns={[
              { title: '窗口', render: (_, r) => `${r.windowNumber} 号 ${r.windowName}` },
              { title: '人员', dataIndex: 'userName' },
              { title: '星期', render: (_, r) => r.weekdays.map((d) => `周${WEEKDAYS[d - 1]}`).join('、') },
              { title: '时间', render: (_, r) => `${r.startsAt}–${r.endsAt}` },
              { title: '状态', render: (_, r) => (r.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
              ...(mayEdit
                ? [
                    {
                      title: '',
                      key: 'op',
                      render: (_: unknown, r: C.Roster) => (
                        <Button type="link" size="small" onClick={() => setEditing(r)}>
                          修改
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Space>
      {centerId && (
        <RosterDrawer
          centerId={centerId}
          windows={(now.data?.windows ?? []).map((w) => ({ id: w.windowId, label: `${w.number} 号 ${w.name}` }))}
          editing={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            rosters.reload();
            report.reload();
          }}
        />
      )}
    </>
  );
}
