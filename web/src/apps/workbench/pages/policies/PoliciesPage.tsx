import { PaperClipOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../../shared/api';
import { useAuth } from '../../../../shared/auth';
import { fmtDateTime } from '../../../../shared/format';
import { useLoad } from '../../../../shared/hooks';
import { LoadMore } from '../../../../shared/LoadMore';
import { PageHeader } from '../../../../shared/PageHeader';
import { useCursorList } from '../../../../shared/useCursorList';
import { useParamPatch } from '../../../../shared/useParamPatch';
import { POLICY_TOPICS, STATUS_COLOR } from './labels';
import type { ManagedPolicyList, ManagedPolicyRow } from './types';

type Tab = 'all' | 'draft' | 'published' | 'withdrawn';
const TABS: { key: Tab; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'draft', label: '草稿' },
  { key: 'published', label: '已发布' },
  { key: 'withdrawn', label: '已撤回' },
];

/** 政策文件 (workbench): the documents of the regions in my scope, drafts included. */
export default function PoliciesPage() {
  const { can } = useAuth();
  const [params, setParam] = useParamPatch();
  const tab = (TABS.find((t) => t.key === params.get('tab'))?.key ?? 'all') as Tab;
  const q = params.get('q') ?? '';
  const topic = params.get('topic') ?? undefined;
  const list = useCursorList<ManagedPolicyRow>('/policies/manage', { status: tab === 'all' ? undefined : tab, q: q || undefined, topic }, 50);
  const counts = useCounts(q, topic);

  return (
    <>
      <PageHeader
        title="政策文件"
        sub="本级和下级发布的政策文件、政策解读。发布后群众可在网上办事大厅检索、查看和下载附件。"
        extra={
          <Space wrap>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                list.reload();
                counts.reload();
              }}
            >
              刷新
            </Button>
            {can('policy_document.create') && (
              <Link to="/workbench/policies/new">
                <Button type="primary" icon={<PlusOutlined />}>
                  新建文件
                </Button>
              </Link>
            )}
          </Space>
        }
      />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParam({ tab: k === 'all' ? undefined : k })}
          items={TABS.map((t) => ({
            key: t.key,
            label: (
              <span data-testid={`tab-${t.key}`}>
                {t.label}
                {counts.data && (
                  <Badge
                    count={t.key === 'all' ? counts.data.draft + counts.data.published + counts.data.withdrawn : counts.data[t.key]}
                    showZero
                    overflowCount={9999}
                    color={t.key === 'draft' ? '#8c8c8c' : t.key === 'published' ? '#52c41a' : t.key === 'withdrawn' ? '#fa8c16' : '#1677ff'}
                    style={{ marginLeft: 6 }}
                  />
                )}
              </span>
            ),
          }))}
        />
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            placeholder="标题、文号、发文机关或正文"
            allowClear
            defaultValue={q}
            key={q}
            onSearch={(v) => setParam({ q: v.trim() || undefined })}
            style={{ width: 280 }}
            aria-label="搜索政策文件"
          />
          <Select
            allowClear
            placeholder="全部主题"
            style={{ width: 150 }}
            value={topic}
            onChange={(v?: string) => setParam({ topic: v })}
            options={POLICY_TOPICS.map((t) => ({ value: t, label: t }))}
            aria-label="主题"
          />
        </Space>
        {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
        <Table<ManagedPolicyRow>
          rowKey="id"
          size="middle"
          loading={list.loading && list.items.length === 0}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: '暂无文件' }}
          columns={[
            {
              title: '标题',
              render: (_, d) => (
                <div style={{ minWidth: 280 }}>
                  <Link to={`/workbench/policies/${d.id}`}>{d.title}</Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {d.docNo || '无文号'} · {d.kindLabel}
                      {d.attachments.length > 0 && (
                        <>
                          {' '}
                          · <PaperClipOutlined /> {d.attachments.length}
                        </>
                      )}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            { title: '发文机关', dataIndex: 'issuer', width: 190 },
            { title: '主题', dataIndex: 'topic', width: 110 },
            { title: '发布地区', dataIndex: 'regionName', width: 100 },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: string, d) => <Tag color={STATUS_COLOR[s]}>{d.statusLabel}</Tag> },
            { title: '发布日期', dataIndex: 'publishedOn', width: 110, render: (v: string | null) => v ?? '—' },
            { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => fmtDateTime(v).slice(0, 16) },
          ]}
        />
        <LoadMore list={list} />
      </Card>
    </>
  );
}

/** Documents per status for the tab badges (the same filters, one row fetched). */
function useCounts(q: string, topic: string | undefined) {
  return useLoad((signal) => api.get<ManagedPolicyList>('/policies/manage', { q: q || undefined, topic, limit: 1 }, { signal }).then((r) => r.counts), [q, topic]);
}
