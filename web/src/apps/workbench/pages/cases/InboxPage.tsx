import { FormOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Input, Select, Space, Table, Tabs, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../../shared/api';
import { useAuth } from '../../../../shared/auth';
import { fmtDateTime } from '../../../../shared/format';
import { useLoad } from '../../../../shared/hooks';
import { LoadMore } from '../../../../shared/LoadMore';
import { PageHeader } from '../../../../shared/PageHeader';
import type { CaseSummary, InboxCounts } from '../../../../shared/types';
import { useCursorList } from '../../../../shared/useCursorList';
import { useParamPatch } from '../../../../shared/useParamPatch';
import { CASE_STATUSES, CHANNELS, DeadlineTag, StatusTag } from './caseLabels';
import './cases.css';

type TabKey = 'mine' | 'received' | 'department' | 'warning' | 'overdue' | 'deliver' | 'center';

const TABS: { key: TabKey; label: string; count: keyof InboxCounts; view: string; deadline?: string; status?: string; color: string }[] = [
  { key: 'mine', label: '我的待办', count: 'mine', view: 'mine', color: '#1677ff' },
  // Online applications, village-agent submissions and answered one-time notices wait here for the window.
  { key: 'received', label: '待受理', count: 'received', view: 'center', status: 'received', color: '#722ed1' },
  { key: 'department', label: '本部门', count: 'department', view: 'department', color: '#1677ff' },
  { key: 'warning', label: '即将到期', count: 'warning', view: 'center', deadline: 'warning', color: '#fa8c16' },
  { key: 'overdue', label: '已超期', count: 'overdue', view: 'center', deadline: 'overdue', color: '#f5222d' },
  { key: 'deliver', label: '待送达', count: 'deliver', view: 'deliver', color: '#52c41a' },
  { key: 'center', label: '本中心全部', count: 'open', view: 'center', color: '#8c8c8c' },
];

/** 待办: my tasks, my department's, due soon, overdue, and (for directors) every open case of the center. */
export default function InboxPage() {
  const { can } = useAuth();
  const [params, setParam] = useParamPatch();
  const tab = (TABS.find((t) => t.key === params.get('tab'))?.key ?? 'mine') as TabKey;
  const t = TABS.find((x) => x.key === tab)!;
  const status = params.get('status') ?? t.status;
  const deadline = params.get('deadline') ?? t.deadline;
  const q = params.get('q') ?? '';
  const counts = useLoad((signal) => api.get<InboxCounts>('/cases/counts', undefined, { signal }), []);
  const list = useCursorList<CaseSummary>('/cases', { view: t.view, status, deadline, q: q || undefined }, 50);
  const reload = () => {
    counts.reload();
    list.reload();
  };

  return (
    <>
      <PageHeader
        title="办件待办"
        sub="按办结期限排序，越早到期越靠前；剩余时间按法定工作日计算，挂起期间不计时。"
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              刷新
            </Button>
            {can('case.create') && (
              <Link to="/workbench/cases/window">
                <Button type="primary" icon={<FormOutlined />}>
                  窗口受理
                </Button>
              </Link>
            )}
          </Space>
        }
      />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParam({ tab: k === 'mine' ? undefined : k, status: undefined, deadline: undefined })}
          items={TABS.map((x) => ({
            key: x.key,
            label: (
              <span data-testid={`tab-${x.key}`}>
                {x.label}
                <Badge count={counts.data?.[x.count] ?? 0} showZero overflowCount={9999} color={x.color} style={{ marginLeft: 6 }} />
              </span>
            ),
          }))}
        />
        <Space wrap style={{ marginBottom: 12 }}>
          {tab === 'center' && (
            <>
              <Select
                allowClear
                placeholder="在办（全部未办结）"
                style={{ width: 190 }}
                value={status}
                onChange={(v?: string) => setParam({ status: v })}
                options={Object.entries(CASE_STATUSES).map(([value, s]) => ({ value, label: `${s.code} ${s.label}` }))}
                aria-label="办件状态"
              />
              <Select
                allowClear
                placeholder="全部期限"
                style={{ width: 140 }}
                value={params.get('deadline') ?? undefined}
                onChange={(v?: string) => setParam({ deadline: v })}
                options={[
                  { value: 'warning', label: '即将到期' },
                  { value: 'overdue', label: '已超期' },
                ]}
                aria-label="期限"
              />
            </>
          )}
          <Input.Search
            placeholder="办件编号、事项或申请人"
            allowClear
            defaultValue={q}
            key={q}
            onSearch={(v) => setParam({ q: v.trim() || undefined })}
            style={{ width: 260 }}
            aria-label="搜索办件"
          />
        </Space>
        {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
        <Table<CaseSummary>
          rowKey="id"
          size="middle"
          loading={list.loading && list.items.length === 0}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 1080 }}
          locale={{ emptyText: tab === 'mine' ? '暂无待办：可在「本部门」认领任务' : '暂无办件' }}
          columns={[
            {
              title: '办件',
              dataIndex: 'itemName',
              render: (name: string, c) => (
                <div className="bm-case-cell">
                  <div className="bm-case-cell-name">{name}</div>
                  <Link to={`/workbench/cases/${c.id}`} className="bm-case-no bm-case-cell-no">
                    {c.caseNo}
                  </Link>
                  <div className="bm-case-cell-meta">
                    {c.centerName} · {CHANNELS[c.channel]}
                  </div>
                </div>
              ),
            },
            { title: '申请人', dataIndex: 'applicantName', width: 120 },
            {
              title: '当前环节',
              width: 170,
              render: (_, c) =>
                c.task ? (
                  <div>
                    <div>{c.task.name}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.task.status === 'claimed' ? `${c.task.assigneeName ?? ''} 办理中` : '待认领'}
                    </Typography.Text>
                  </div>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
            { title: '收件时间', dataIndex: 'receivedAt', width: 170, render: (v: string) => fmtDateTime(v).slice(0, 16) },
            {
              title: '办结期限',
              width: 200,
              render: (_, c) => (
                <Space orientation="vertical" size={2}>
                  <span>{c.deadline.dueDate ?? '—'}</span>
                  <DeadlineTag deadline={c.deadline} />
                </Space>
              ),
            },
            { title: '状态', dataIndex: 'status', width: 110, render: (s: CaseSummary['status'], c) => <StatusTag status={s} decision={c.decision} /> },
          ]}
        />
        <LoadMore list={list} />
      </Card>
    </>
  );
}
