import { ApartmentOutlined, BankOutlined, EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Input, Row, Space, Spin, Switch, Tag, Tooltip, Tree, Typography, type TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { Outlet, useMatch, useNavigate } from 'react-router';
import { useOrgTree } from '../../../../shared/orgTree';
import { REGION_LEVEL_LABELS } from '../../../../shared/labels';
import type { TreeNode } from '../../../../shared/types';
import type { OrgOutletContext } from './context';

function matches(n: TreeNode, q: string): boolean {
  return n.name.includes(q) || n.code.startsWith(q) || n.centers.some((c) => c.name.includes(q)) || n.children.some((c) => matches(c, q));
}

function toTreeData(nodes: TreeNode[], q: string): TreeDataNode[] {
  return nodes
    .filter((n) => !q || matches(n, q))
    .map((n) => ({
      key: `region:${n.id}`,
      icon: <EnvironmentOutlined />,
      title: (
        <span className={n.active ? undefined : 'bm-inactive'}>
          {n.name}
          <span className="bm-tree-level">{REGION_LEVEL_LABELS[n.level]}</span>
          {!n.active && <Tag className="bm-tree-tag">停用</Tag>}
        </span>
      ),
      children: [
        ...n.centers
          .filter((c) => !q || c.name.includes(q) || n.name.includes(q))
          .map((c) => ({
            key: `center:${c.id}`,
            icon: <BankOutlined style={{ color: c.active ? '#1677ff' : undefined }} />,
            isLeaf: true,
            title: (
              <span className={c.active ? 'bm-tree-center' : 'bm-inactive'}>
                {c.name}
                {!c.active && <Tag className="bm-tree-tag">停用</Tag>}
              </span>
            ),
          })),
        ...toTreeData(n.children, q),
      ],
    }));
}

function collectKeys(nodes: TreeNode[], depth: number, out: string[] = []): string[] {
  for (const n of nodes) {
    if (depth > 0) {
      out.push(`region:${n.id}`);
      collectKeys(n.children, depth - 1, out);
    }
  }
  return out;
}

/** 组织机构: the region tree with its centers on the left, the selected node's detail on the right. */
export default function OrgPage() {
  const navigate = useNavigate();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [q, setQ] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const tree = useOrgTree(includeInactive);
  const regionMatch = useMatch('/workbench/org/regions/:regionId');
  const centerMatch = useMatch('/workbench/org/centers/:centerId');
  const selectedKey = regionMatch ? `region:${regionMatch.params.regionId}` : centerMatch ? `center:${centerMatch.params.centerId}` : null;

  const roots = useMemo(() => tree.data?.roots ?? [], [tree.data]);
  const data = useMemo(() => toTreeData(roots, q.trim()), [roots, q]);
  const defaultExpanded = useMemo(() => collectKeys(roots, 2), [roots]);
  const ctx: OrgOutletContext = { roots, reloadTree: tree.reload, treeLoading: tree.loading };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8} xl={7}>
        <Card
          size="small"
          title={
            <Space>
              <ApartmentOutlined />
              区划与服务中心
            </Space>
          }
          extra={
            <Tooltip title="刷新">
              <Button type="text" size="small" icon={<ReloadOutlined />} onClick={tree.reload} aria-label="刷新" />
            </Tooltip>
          }
          className="bm-org-tree-card"
        >
          <Input.Search placeholder="搜索区划、服务中心" allowClear onChange={(e) => setQ(e.target.value)} style={{ marginBottom: 8 }} />
          <div style={{ marginBottom: 8 }}>
            <Space size={6}>
              <Switch size="small" checked={includeInactive} onChange={setIncludeInactive} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                显示已停用
              </Typography.Text>
            </Space>
          </div>
          {tree.loading && !tree.data ? (
            <div style={{ textAlign: 'center', padding: 24 }}>
              <Spin />
            </div>
          ) : tree.error ? (
            <Typography.Text type="danger">{tree.error.message}</Typography.Text>
          ) : data.length === 0 ? (
            <Empty description={q ? '没有匹配的区划或服务中心' : '暂无可查看的区划'} />
          ) : (
            <Tree
              showIcon
              blockNode
              treeData={data}
              selectedKeys={selectedKey ? [selectedKey] : []}
              expandedKeys={q ? undefined : (expanded ?? defaultExpanded)}
              defaultExpandAll={!!q}
              onExpand={(keys) => setExpanded(keys as string[])}
              onSelect={(keys) => {
                const k = keys[0] as string | undefined;
                if (!k) return;
                const [kind, id] = k.split(':');
                navigate(kind === 'center' ? `/workbench/org/centers/${id}` : `/workbench/org/regions/${id}`);
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={16} xl={17}>
        <Outlet context={ctx} />
      </Col>
    </Row>
  );
}
