import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type * as C from '../../../../../../src/modules/hallstats/hallstats.contract';
import { api } from '../../../../shared/api';
import { useCan } from '../../../../shared/auth';
import { useLoad, useShowError } from '../../../../shared/hooks';
import { PageHeader } from '../../../../shared/PageHeader';
import { BarChart, mins, pct, useHallPicker } from './hallShared';

interface TargetForm {
  percent: number;
  minutes: number;
  weeks: number;
}

/** The planning target lives in the center's hall settings (queue module): read them whole, change the planning part, save with the version. */
function TargetDialog({ centerId, open, onClose, onSaved }: { centerId: string; open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<TargetForm>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const { message } = App.useApp();
  const current = useLoad(
    (signal) =>
      open
        ? api.get<{ settings: { planning: { targetShare: number; targetWaitMinutes: number; weeks: number } } & Record<string, unknown>; version: number }>(`/queue/centers/${centerId}/settings`, undefined, { signal })
        : Promise.resolve(undefined),
    [open, centerId],
  );
  const p = current.data?.settings.planning;
  const save = async (v: TargetForm) => {
    if (!current.data) return;
    setBusy(true);
    try {
      const settings = { ...current.data.settings, planning: { targetShare: v.percent / 100, targetWaitMinutes: v.minutes, weeks: v.weeks } };
      await api.put(`/queue/centers/${centerId}/settings`, { settings, version: current.data.version });
      void message.success('测算目标已保存');
      onSaved();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="修改测算目标" onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={busy} okButtonProps={{ disabled: !p }} destroyOnHidden>
      {current.error && <Alert type="error" showIcon title={current.error.message} />}
      {p && (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={busy}
          initialValues={{ percent: Math.round(p.targetShare * 100), minutes: p.targetWaitMinutes, weeks: p.weeks }}
          onFinish={(v) => void save(v)}
        >
          <Form.Item name="percent" label="达标比例（%）" rules={[{ required: true, message: '请填写达标比例' }]}>
            <InputNumber min={1} max={99} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="minutes" label="等候不超过（分钟）" rules={[{ required: true, message: '请填写等候时间' }]}>
            <InputNumber min={0} max={240} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="weeks" label="统计近几周" rules={[{ required: true, message: '请填写周数' }]}>
            <InputNumber min={1} max={26} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/**
 * 窗口测算: from the arrivals per hour of the last weeks and the mean service time, the windows each
 * hour needs (Erlang C) to call the target share within the target wait, beside the windows staffed.
 * The target lives in the hall settings (queue module).
 */
export default function PlanningPage() {
  const { centerId, picker } = useHallPicker();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  // The category filter belongs to the hall it was chosen in.
  const [pick, setPick] = useState<{ centerId?: string; categoryId?: string }>({});
  const categoryId = pick.centerId === centerId ? pick.categoryId : undefined;
  const setCategoryId = (id: string | undefined) => setPick({ centerId, categoryId: id });
  const plan = useLoad(
    (signal) => (centerId ? api.get<C.PlanningResponse>(`/hallstats/centers/${centerId}/planning`, categoryId ? { categoryId } : undefined, { signal }) : Promise.resolve(undefined)),
    [centerId, categoryId],
  );
  const p = plan.data;
  const rows = p?.rows ?? [];
  const short = rows.filter((r) => Math.floor(r.staffed + 1e-9) < r.needed);
  return (
    <>
      <PageHeader
        title="窗口测算"
        sub="按近几周每小时到达人数和平均办理时长，用 Erlang C 公式测算每小时需要开放的窗口数"
        extra={
          <Space wrap>
            {picker}
            <Select
              aria-label="业务类别"
              allowClear
              placeholder="全部业务类别"
              style={{ minWidth: 160 }}
              value={categoryId}
              onChange={setCategoryId}
              options={(plan.data?.categories ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Space>
        }
      />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {plan.error && <Alert type="error" showIcon title={plan.error.message} />}
        {p && (
          <Card size="small" loading={plan.loading}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, md: 4 }}
              items={[
                { key: 't', label: '服务目标', children: `${pct(p.targetShare)} 的群众在 ${p.targetWaitMinutes} 分钟内被叫号` },
                { key: 'd', label: '统计区间', children: `${p.from} 至 ${p.to}（近 ${p.weeks} 周，${p.days} 个工作日）` },
                { key: 's', label: '人手不足的时段', children: short.length ? short.map((r) => <Tag key={r.hour} color="red">{`${r.hour}:00`}</Tag>) : <Tag color="green">无</Tag> },
                {
                  key: 'n',
                  label: '目标设置',
                  children: can('hall_settings.update') ? (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                      修改目标
                    </Button>
                  ) : (
                    '由中心负责人在大厅规则中设置'
                  ),
                },
              ]}
            />
          </Card>
        )}
        <Card size="small" title="每小时所需窗口与实际开放" loading={plan.loading && !p}>
          {rows.length > 0 && (
            <BarChart
              labels={rows.map((r) => `${r.hour}时`)}
              yLabel="窗口数"
              yRightLabel="人 / 小时"
              series={[
                { name: '所需窗口（测算）', color: '#fa8c16', values: rows.map((r) => r.needed) },
                { name: '实际开放（平均）', color: '#1677ff', values: rows.map((r) => r.staffed) },
                { name: '平均到达（右轴）', color: '#8c8c8c', values: rows.map((r) => r.arrivals), line: true, right: true },
              ]}
            />
          )}
          <Table
            size="small"
            rowKey="hour"
            dataSource={rows}
            loading={plan.loading}
            pagination={false}
            scroll={{ x: true }}
            columns={[
              { title: '时段', render: (_, r) => `${r.hour}:00–${r.hour + 1}:00` },
              { title: '平均到达（人/小时）', dataIndex: 'arrivals', align: 'right' },
              { title: '平均办理', render: (_, r) => mins(r.ahtSeconds) },
              { title: '所需窗口', dataIndex: 'needed', align: 'right' },
              { title: '实际开放', dataIndex: 'staffed', align: 'right' },
              {
                title: '按实际开放的预计达标率',
                render: (_, r) =>
                  r.predictedServiceLevel === null ? '—' : <Tag color={r.predictedServiceLevel >= (p?.targetShare ?? 0.8) ? 'green' : 'red'}>{pct(r.predictedServiceLevel)}</Tag>,
              },
            ]}
          />
        </Card>
      </Space>
      {centerId && (
        <TargetDialog
          centerId={centerId}
          open={editing}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            plan.reload();
          }}
        />
      )}
    </>
  );
}
