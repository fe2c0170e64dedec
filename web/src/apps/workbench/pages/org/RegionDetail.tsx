import { BankOutlined, EditOutlined, EnvironmentOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Empty, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../../shared/api';
import { useLoad } from '../../../../shared/hooks';
import { CENTER_LEVEL_LABELS, childLevelOf, REGION_LEVEL_LABELS } from '../../../../shared/labels';
import { usePageTitle } from '../../../../shared/title';
import type { CenterSummary, RegionDetail as RegionDetailData, TreeNode } from '../../../../shared/types';
import { useToggleActive } from '../../../../shared/useToggleActive';
import { findRegion, useOrgContext } from './context';
import { CenterFormModal, RegionFormModal } from './orgForms';

export function ActiveTag({ active }: { active: boolean }) {
  return active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>;
}

export default function RegionDetail() {
  const { regionId = '' } = useParams();
  const navigate = useNavigate();
  const { roots, reloadTree } = useOrgContext();
  const toggle = useToggleActive();
  const [dialog, setDialog] = useState<'edit' | 'child' | 'center' | null>(null);
  const { data: r, error, loading, reload } = useLoad((signal) => api.get<RegionDetailData>(`/org/regions/${regionId}`, undefined, { signal }), [regionId]);
  usePageTitle(r ? `${r.name} - 组织机构` : '组织机构');

  if (error) {
    return (
      <Card>
        {error.status === 404 ? (
          <Result status="404" title="未找到该区划" subTitle="该区划不存在，或不在您的管辖范围内。" extra={<Link to="/workbench/org">返回组织机构</Link>} />
        ) : (
          <Result status="error" title="加载失败" subTitle={error.message} extra={<Button onClick={reload}>重试</Button>} />
        )}
      </Card>
    );
  }
  if (loading && !r) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  }
  if (!r) return null;

  const has = (a: string) => r.abilities.includes(a);
  const node: TreeNode | undefined = findRegion(roots, r.id);
  const childLevel = childLevelOf(r.level);
  const refresh = () => {
    reload();
    reloadTree();
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <EnvironmentOutlined />
            <span>{r.name}</span>
            <Tag color="blue">{REGION_LEVEL_LABELS[r.level]}</Tag>
            <ActiveTag active={r.active} />
          </Space>
        }
        extra={
          <Space wrap>
            {has('region.update') && (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                编辑
              </Button>
            )}
            {has('region.deactivate') && (
              <Button
                danger={r.active}
                icon={r.active ? <StopOutlined /> : <CheckCircleOutlined />}
                onClick={() =>
                  toggle(
                    {
                      path: `/org/regions/${r.id}`,
                      noun: '区划',
                      name: r.name,
                      active: r.active,
                      version: r.version,
                      warning: '停用前须先停用其下级区划和服务中心。停用后历史记录保留，可随时重新启用。',
                    },
                    refresh,
                  )
                }
              >
                {r.active ? '停用' : '启用'}
              </Button>
            )}
          </Space>
        }
      >
        {r.ancestors.length > 0 && (
          <Breadcrumb
            style={{ marginBottom: 12 }}
            items={[...r.ancestors.map((a) => ({ title: <Link to={`/workbench/org/regions/${a.id}`}>{a.name}</Link> })), { title: r.name }]}
          />
        )}
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
          <Descriptions.Item label="区划名称">{r.name}</Descriptions.Item>
          <Descriptions.Item label="区划代码">{r.code}</Descriptions.Item>
          <Descriptions.Item label="层级">{REGION_LEVEL_LABELS[r.level]}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <ActiveTag active={r.active} />
          </Descriptions.Item>
          <Descriptions.Item label="下级区划">{r.childCount} 个</Descriptions.Item>
          <Descriptions.Item label="服务中心">{r.centers.length} 个</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        size="small"
        title="服务中心"
        extra={
          has('center.create') && r.active && r.level !== 'province' && r.level !== 'city' ? (
            <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setDialog('center')}>
              新建服务中心
            </Button>
          ) : undefined
        }
      >
        <Table<CenterSummary>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={r.centers}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该区划尚未设立服务中心" /> }}
          columns={[
            {
              title: '名称',
              dataIndex: 'name',
              render: (v: string, c) => (
                <Link to={`/workbench/org/centers/${c.id}`}>
                  <BankOutlined /> {v}
                </Link>
              ),
            },
            { title: '类型', dataIndex: 'level', render: (v: CenterSummary['level']) => CENTER_LEVEL_LABELS[v] },
            { title: '状态', dataIndex: 'active', width: 80, render: (v: boolean) => <ActiveTag active={v} /> },
          ]}
        />
      </Card>

      {childLevel && (
        <Card
          size="small"
          title={`下级区划（${REGION_LEVEL_LABELS[childLevel]}）`}
          extra={
            has('region.create') && r.active ? (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('child')}>
                新建下级区划
              </Button>
            ) : undefined
          }
        >
          <Table<Omit<TreeNode, 'children'>>
            size="small"
            rowKey="id"
            pagination={node && node.children.length > 10 ? { pageSize: 10, size: 'small' } : false}
            // Drop `children`: the table would otherwise render the whole subtree as nested rows.
            dataSource={(node?.children ?? []).map(({ children: _children, ...rest }) => rest)}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={r.childCount ? '下级区划不在您的查看范围内' : '暂无下级区划'} /> }}
            columns={[
              { title: '名称', dataIndex: 'name', render: (v: string, c) => <Link to={`/workbench/org/regions/${c.id}`}>{v}</Link> },
              { title: '区划代码', dataIndex: 'code', width: 140 },
              {
                title: '服务中心',
                dataIndex: 'centers',
                render: (cs: CenterSummary[]) =>
                  cs.length ? cs.map((c) => <Link key={c.id} to={`/workbench/org/centers/${c.id}`} style={{ marginRight: 8 }}>{c.name}</Link>) : <Typography.Text type="secondary">未设立</Typography.Text>,
              },
              { title: '状态', dataIndex: 'active', width: 80, render: (v: boolean) => <ActiveTag active={v} /> },
            ]}
          />
        </Card>
      )}

      <RegionFormModal
        open={dialog === 'edit'}
        region={r}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          refresh();
        }}
      />
      <RegionFormModal
        open={dialog === 'child'}
        parent={r}
        onClose={() => setDialog(null)}
        onSaved={(id) => {
          setDialog(null);
          reloadTree();
          navigate(`/workbench/org/regions/${id}`);
        }}
      />
      <CenterFormModal
        open={dialog === 'center'}
        region={r}
        onClose={() => setDialog(null)}
        onSaved={(id) => {
          setDialog(null);
          reloadTree();
          navigate(`/workbench/org/centers/${id}`);
        }}
      />
    </Space>
  );
}
