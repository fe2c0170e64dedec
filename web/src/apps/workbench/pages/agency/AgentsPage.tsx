import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Popconfirm, Result, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../../shared/api';
import { FormModal } from '../../../../shared/FormModal';
import { useLoad, useShowError } from '../../../../shared/hooks';
import { PageHeader } from '../../../../shared/PageHeader';
import { monthLabel, type AgentDetail, type AgentList, type AgentRow, type Training } from './agencyTypes';
import './agency.css';

interface TrainingForm {
  title: string;
  trainedOn: Dayjs;
  hours: number;
  organizer: string;
  note?: string;
}

function TrainingModal({ open, agent, onClose, onSaved }: { open: boolean; agent: AgentDetail; onClose: () => void; onSaved: (a: AgentDetail) => void }) {
  const { message } = App.useApp();
  return (
    <FormModal<TrainingForm>
      open={open}
      title={`登记培训 · ${agent.name}`}
      okText="登记"
      initialValues={{ trainedOn: dayjs(), hours: 2, organizer: agent.townshipName ? `${agent.townshipName}便民服务中心` : '' }}
      onCancel={onClose}
      onSubmit={async (v) => {
        const saved = await api.post<AgentDetail>(`/agency/agents/${agent.userId}/trainings`, {
          title: v.title,
          trainedOn: v.trainedOn.format('YYYY-MM-DD'),
          hours: v.hours,
          organizer: v.organizer,
          note: v.note ?? '',
        });
        void message.success('培训记录已登记');
        onSaved(saved);
      }}
    >
      <Form.Item name="title" label="培训内容" rules={[{ required: true, whitespace: true, message: '请填写培训内容' }]}>
        <Input maxLength={100} placeholder="如：社保医保类事项代办业务培训" />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="trainedOn" label="培训日期" rules={[{ required: true, message: '请选择培训日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
        </Form.Item>
        <Form.Item
          name="hours"
          label="学时（小时）"
          rules={[
            { required: true, message: '请填写学时' },
            { validator: (_, v: number | null) => (v == null || Number.isInteger(v * 2) ? Promise.resolve() : Promise.reject(new Error('以 0.5 小时为单位'))) },
          ]}
        >
          <InputNumber min={0.5} max={200} step={0.5} style={{ width: 140 }} />
        </Form.Item>
      </Space>
      <Form.Item name="organizer" label="组织单位" rules={[{ required: true, whitespace: true, message: '请填写组织单位' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
    </FormModal>
  );
}

function AgentDrawer({ userId, onClose, onChanged }: { userId: string | null; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const showError = useShowError();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const { data, setData, loading, error } = useLoad((signal) => (userId ? api.get<AgentDetail>(`/agency/agents/${userId}`, undefined, { signal }) : Promise.resolve(undefined)), [userId]);
  const mayUpdate = !!data?.abilities.includes('update');

  const remove = async (t: Training) => {
    if (!data) return;
    setRemoving(t.id);
    try {
      setData(await api.delete<AgentDetail>(`/agency/agents/${data.userId}/trainings/${t.id}`));
      void message.success('培训记录已删除');
      onChanged();
    } catch (e) {
      showError(e);
    } finally {
      setRemoving(null);
    }
  };

  return (
    <Drawer open={!!userId} onClose={onClose} title={data ? `代办员 ${data.name}` : '代办员'} size="large" loading={loading && !data}>
      {error ? (
        <Result status={error.status === 404 ? '404' : 'error'} title={error.status === 404 ? '未找到该代办员' : '加载失败'} subTitle={error.message} />
      ) : data ? (
        <>
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered style={{ marginBottom: 16 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="代办点">{data.villageName}</Descriptions.Item>
            <Descriptions.Item label="所属乡镇">{data.townshipName}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{data.phoneMasked ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="账号状态">{data.active ? <Tag color="green">在岗</Tag> : <Tag>停用</Tag>}</Descriptions.Item>
            <Descriptions.Item label="本月代办">{data.monthCount} 件</Descriptions.Item>
            <Descriptions.Item label="本月逾期">{data.monthLate ? <Typography.Text type="danger">{data.monthLate} 件</Typography.Text> : '0 件'}</Descriptions.Item>
            <Descriptions.Item label="在办（未移交）">{data.open} 件</Descriptions.Item>
            <Descriptions.Item label="今年培训">{data.trainingHours} 小时</Descriptions.Item>
          </Descriptions>
          <Space wrap style={{ marginBottom: 12 }}>
            <Link to={`/workbench/agency/mandates?agentId=${data.userId}`}>
              <Button>查看代办件</Button>
            </Link>
            <Link to={`/workbench/agency/ledger?agentId=${data.userId}`}>
              <Button>代办台账</Button>
            </Link>
          </Space>
          <div className="bm-page-head" style={{ marginTop: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              培训记录
            </Typography.Title>
            {mayUpdate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                登记培训
              </Button>
            )}
          </div>
          <Table<Training>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data.trainings}
            scroll={{ x: 560 }}
            locale={{ emptyText: '暂无培训记录' }}
            columns={[
              { title: '日期', dataIndex: 'trainedOn', width: 110 },
              {
                title: '培训内容',
                dataIndex: 'title',
                render: (v: string, t) => (
                  <>
                    <div>{v}</div>
                    {t.note && <div className="bm-agency-cell-meta">{t.note}</div>}
                  </>
                ),
              },
              { title: '学时', dataIndex: 'hours', width: 70, render: (h: number) => `${h} h` },
              { title: '组织单位', dataIndex: 'organizer', width: 170 },
              ...(mayUpdate
                ? [
                    {
                      title: '',
                      key: 'ops',
                      width: 60,
                      render: (_: unknown, t: Training) => (
                        <Popconfirm title={`删除「${t.title}」这条培训记录？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove(t)}>
                          <Button type="text" danger size="small" icon={<DeleteOutlined />} loading={removing === t.id} aria-label={`删除培训 ${t.title}`} />
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <TrainingModal
            open={adding}
            agent={data}
            onClose={() => setAdding(false)}
            onSaved={(a) => {
              setData(a);
              setAdding(false);
              onChanged();
            }}
          />
        </>
      ) : null}
    </Drawer>
  );
}

/** 代办员: the agents of my villages, this month's matters, lateness and training hours. */
export default function AgentsPage() {
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const [viewing, setViewing] = useState<string | null>(null);
  const m = month.format('YYYY-MM');
  const r = useLoad((signal) => api.get<AgentList>('/agency/agents', { month: m }, { signal }), [m]);
  const items = r.data?.items ?? [];
  const sum = (f: (a: AgentRow) => number) => items.reduce((s, a) => s + f(a), 0);

  return (
    <>
      <PageHeader
        title="代办员"
        sub="辖区各村（社区）便民服务室的代办员：当月代办件数、逾期送达件数、结果移交和培训情况。点击一行查看培训记录。"
        extra={
          <Button icon={<ReloadOutlined />} onClick={r.reload} loading={r.loading}>
            刷新
          </Button>
        }
      />
      <Card size="small">
        <Space wrap size={[24, 12]} style={{ marginBottom: 12 }}>
          <DatePicker picker="month" allowClear={false} value={month} onChange={(v) => v && setMonth(v)} disabledDate={(d) => d.isAfter(dayjs(), 'month')} aria-label="统计月份" />
          <Statistic title="代办员" value={items.length} loading={r.loading} />
          <Statistic title={`${monthLabel(m)}代办`} value={sum((a) => a.monthCount)} suffix="件" loading={r.loading} />
          <Statistic title="逾期送达" value={sum((a) => a.monthLate)} suffix="件" loading={r.loading} styles={{ content: { color: sum((a) => a.monthLate) ? '#cf1322' : undefined } }} />
          <Statistic title="结果已移交" value={sum((a) => a.monthHandedOver)} suffix="件" loading={r.loading} />
        </Space>
        {r.error && <Alert type="error" showIcon title={r.error.message} style={{ marginBottom: 12 }} />}
        <Table<AgentRow>
          rowKey={(a) => `${a.userId}:${a.villageCenterId}`}
          size="middle"
          loading={r.loading}
          dataSource={items}
          pagination={false}
          scroll={{ x: 960 }}
          locale={{ emptyText: '辖区内还没有代办员' }}
          onRow={(a) => ({ onClick: () => setViewing(a.userId), style: { cursor: 'pointer' } })}
          rowClassName={(a) => (a.monthLate ? 'bm-agency-late' : '')}
          columns={[
            {
              title: '代办员',
              dataIndex: 'name',
              render: (v: string, a) => (
                <>
                  <Typography.Link className="bm-agency-cell-name" onClick={() => setViewing(a.userId)}>
                    {v}
                  </Typography.Link>
                  {!a.active && <Tag style={{ marginLeft: 6 }}>停用</Tag>}
                  <div className="bm-agency-cell-meta">{a.phoneMasked ?? ''}</div>
                </>
              ),
            },
            {
              title: '代办点',
              dataIndex: 'villageName',
              render: (v: string, a) => (
                <>
                  <div>{v}</div>
                  <div className="bm-agency-cell-meta">{a.townshipName}</div>
                </>
              ),
            },
            { title: '本月代办', dataIndex: 'monthCount', width: 96, align: 'right' },
            {
              title: '逾期送达',
              dataIndex: 'monthLate',
              width: 96,
              align: 'right',
              render: (v: number, a) =>
                v ? (
                  <Link to={`/workbench/agency/mandates?tab=late&agentId=${a.userId}`} onClick={(e) => e.stopPropagation()}>
                    <Typography.Text type="danger">{v}</Typography.Text>
                  </Link>
                ) : (
                  0
                ),
            },
            { title: '结果移交', dataIndex: 'monthHandedOver', width: 96, align: 'right' },
            { title: '在办', dataIndex: 'open', width: 72, align: 'right' },
            { title: '今年培训', dataIndex: 'trainingHours', width: 96, align: 'right', render: (h: number) => <span className={h < 8 ? 'bm-muted' : ''}>{h} 小时</span> },
            { title: '最近培训', dataIndex: 'lastTrainedOn', width: 120, render: (v: string | null) => v ?? <Typography.Text type="warning">未培训</Typography.Text> },
          ]}
        />
      </Card>
      <AgentDrawer userId={viewing} onClose={() => setViewing(null)} onChanged={r.reload} />
    </>
  );
}
