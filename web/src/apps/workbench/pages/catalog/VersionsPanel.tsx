import { DiffOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../../../shared/api';
import { fmtDateTime } from '../../../../shared/format';
import { useShowError } from '../../../../shared/hooks';
import type { CatalogDiff, CatalogItemDetail, CatalogVersionDetail, CatalogVersionInfo } from '../../../../shared/types';
import type { DeptOption } from './catalogData';
import { VERSION_STATUSES, VERSION_STATUS_COLORS } from './catalogLabels';
import { DIFF_KIND_LABELS, formatDiffValue, type DiffContext } from './diffFormat';

interface DiffState {
  diff: CatalogDiff;
  ctx: DiffContext;
}

function Who({ name, at }: { name: string | null; at: string | null }) {
  if (!at) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div>
      <div>{name ?? '—'}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {fmtDateTime(at)}
      </Typography.Text>
    </div>
  );
}

export const guidePdfUrl = (itemId: string, version: number) => `/api/catalog/admin/items/${itemId}/guide.pdf?version=${version}`;

/** 版本记录: every version with who did what; pick two for 版本对比. */
export function VersionsPanel({ item, departments }: { item: CatalogItemDetail; departments: DeptOption[] }) {
  const showError = useShowError();
  const versions = useMemo(() => [...item.versions].sort((a, b) => b.version - a.version), [item.versions]);
  const [selected, setSelected] = useState<number[]>(() => (versions.length >= 2 ? [versions[1].version, versions[0].version] : []));
  const [diff, setDiff] = useState<DiffState | null>(null);
  const [loading, setLoading] = useState(false);

  const compare = async () => {
    const [from, to] = [...selected].sort((a, b) => a - b);
    setLoading(true);
    try {
      const [d, a, b] = await Promise.all([
        api.get<CatalogDiff>(`/catalog/admin/items/${item.id}/diff`, { from, to }),
        api.get<CatalogVersionDetail>(`/catalog/admin/items/${item.id}/versions/${from}`).catch(() => null),
        api.get<CatalogVersionDetail>(`/catalog/admin/items/${item.id}/versions/${to}`).catch(() => null),
      ]);
      const names = new Map<string, string>();
      for (const v of [a, b]) for (const x of [...(v?.content.materials ?? []), ...(v?.content.steps ?? [])]) names.set(x.key, x.name);
      const depts = new Map(departments.map((x) => [x.id, x.name]));
      setDiff({ diff: d, ctx: { deptName: (id) => depts.get(id) ?? '（已删除的部门）', keyName: (k) => names.get(k) ?? k } });
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">勾选两个版本后点击「版本对比」，查看要素的变化。</Typography.Text>
        <Button icon={<DiffOutlined />} type="primary" disabled={selected.length !== 2} loading={loading} onClick={compare}>
          版本对比
        </Button>
      </Space>
      <Table<CatalogVersionInfo>
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={versions}
        scroll={{ x: 1040 }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected((keys as number[]).slice(-2)),
          getCheckboxProps: (v) => ({ disabled: selected.length >= 2 && !selected.includes(v.version), 'aria-label': `选择第${v.version}版` }),
          hideSelectAll: true,
        }}
        columns={[
          { title: '版本', dataIndex: 'version', width: 56, render: (v: number) => <b>v{v}</b> },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (s: CatalogVersionInfo['status']) => <Tag color={VERSION_STATUS_COLORS[s]}>{VERSION_STATUSES[s]}</Tag>,
          },
          { title: '创建', key: 'created', width: 150, render: (_, v) => <Who name={v.createdByName} at={v.createdAt} /> },
          { title: '提交审核', key: 'submitted', width: 150, render: (_, v) => <Who name={v.submittedByName} at={v.submittedAt} /> },
          { title: '审核', key: 'reviewed', width: 150, render: (_, v) => <Who name={v.reviewedByName} at={v.reviewedAt} /> },
          {
            title: '审核意见 / 撤回原因',
            key: 'comment',
            width: 180,
            render: (_, v) => (
              <Space orientation="vertical" size={0}>
                {v.reviewComment && <Typography.Text>{v.reviewComment}</Typography.Text>}
                {v.withdrawReason && <Typography.Text type="warning">撤回：{v.withdrawReason}</Typography.Text>}
                {!v.reviewComment && !v.withdrawReason && <Typography.Text type="secondary">—</Typography.Text>}
              </Space>
            ),
          },
          { title: '发布时间', dataIndex: 'publishedAt', width: 150, render: (v: string | null) => (v ? fmtDateTime(v) : '—') },
          {
            title: '办事指南',
            key: 'pdf',
            width: 80,
            render: (_, v) => (
              <Tooltip title="预览该版本的打印版办事指南（PDF）">
                <a href={guidePdfUrl(item.id, v.version)} target="_blank" rel="noreferrer">
                  <FilePdfOutlined /> 预览
                </a>
              </Tooltip>
            ),
          },
        ]}
      />
      {diff && (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={`版本对比：v${diff.diff.from} → v${diff.diff.to}`}
          extra={
            <Button type="text" size="small" onClick={() => setDiff(null)}>
              关闭
            </Button>
          }
          data-testid="version-diff"
        >
          {diff.diff.changes.length === 0 ? (
            <Empty description="两个版本的要素没有差别" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <>
              <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`共 ${diff.diff.changes.length} 处变更`} />
              <Table
                size="small"
                pagination={false}
                rowKey={(c) => `${c.path}:${c.kind}`}
                dataSource={diff.diff.changes}
                scroll={{ x: 860 }}
                columns={[
                  {
                    title: '类型',
                    key: 'kind',
                    width: 70,
                    render: (_, c) => <Tag color={DIFF_KIND_LABELS[c.kind]?.color}>{DIFF_KIND_LABELS[c.kind]?.text ?? c.kind}</Tag>,
                  },
                  { title: '变更项', dataIndex: 'label', width: 280 },
                  {
                    title: '原内容',
                    key: 'before',
                    render: (_, c) => <div className="bm-cat-diff-before">{c.kind === 'added' ? '—' : formatDiffValue(c.path, c.before, diff.ctx)}</div>,
                  },
                  {
                    title: '新内容',
                    key: 'after',
                    render: (_, c) => <div className="bm-cat-diff-after">{c.kind === 'removed' ? '—' : formatDiffValue(c.path, c.after, diff.ctx)}</div>,
                  },
                ]}
              />
            </>
          )}
        </Card>
      )}
    </>
  );
}
