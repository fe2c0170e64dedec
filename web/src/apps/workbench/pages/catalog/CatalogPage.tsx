import { BankOutlined, FileSearchOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Checkbox, Col, Empty, Input, Result, Row, Select, Space, Spin, Table, Tag, Tooltip, Tree, Typography, type TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../../../shared/auth';
import { fmtRelative, fmtDateTime } from '../../../../shared/format';
import { LoadMore } from '../../../../shared/LoadMore';
import { PageHeader } from '../../../../shared/PageHeader';
import type { CatalogItemSummary, CatalogTree } from '../../../../shared/types';
import { useCursorList } from '../../../../shared/useCursorList';
import { useCatalogTree } from './catalogData';
import { ITEM_LEVEL_LABELS, ITEM_STATUSES, rowAbility, statusTags, type ItemLevel } from './catalogLabels';
import { NewItemModal } from './NewItemModal';
import './catalog.css';

const ALL = 'all';

function deptTree(tree: CatalogTree): TreeDataNode[] {
  const byRegion = new Map<string, CatalogTree['departments']>();
  for (const d of tree.departments) {
    if (!byRegion.has(d.regionName)) byRegion.set(d.regionName, []);
    byRegion.get(d.regionName)!.push(d);
  }
  const total = tree.departments.reduce((n, d) => n + d.total, 0);
  const count = (n: number, pending: number) => (
    <span className="bm-cat-count">
      {n}
      {pending > 0 && (
        <Tooltip title={`${pending} 项待审核或有草稿`}>
          <Badge count={pending} size="small" color="#1677ff" style={{ marginLeft: 4 }} />
        </Tooltip>
      )}
    </span>
  );
  return [
    {
      key: ALL,
      title: (
        <span className="bm-cat-node">
          <span>全部部门</span>
          {count(total, tree.departments.reduce((n, d) => n + d.pending, 0))}
        </span>
      ),
      children: [...byRegion.entries()].map(([region, depts]) => ({
        key: `region:${region}`,
        selectable: false,
        title: (
          <span className="bm-cat-node">
            <Typography.Text type="secondary">{region}</Typography.Text>
            <span className="bm-cat-count">{depts.reduce((n, d) => n + d.total, 0)}</span>
          </span>
        ),
        children: depts.map((d) => ({
          key: d.id,
          isLeaf: true,
          title: (
            <span className="bm-cat-node" title={d.name}>
              <span className="bm-cat-name">{d.shortName || d.name}</span>
              {count(d.total, d.pending)}
            </span>
          ),
        })),
      })),
    },
  ];
}

/** 事项清单: departments on the left, the implementations on the right, filtered and loaded page by page. */
export default function CatalogPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const tree = useCatalogTree();
  const departmentId = params.get('department') ?? undefined;
  const centerId = params.get('center') ?? undefined;
  const status = params.get('status') ?? undefined;
  const pending = params.get('pending') === '1';
  const q = params.get('q') ?? '';
  const list = useCursorList<CatalogItemSummary>('/catalog/admin/items', {
    departmentId,
    centerId,
    status,
    pending: pending || undefined,
    q: q || undefined,
  }, 50);

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const treeData = useMemo(() => (tree.data ? deptTree(tree.data) : []), [tree.data]);
  const expanded = useMemo(() => [ALL, ...[...new Set((tree.data?.departments ?? []).map((d) => `region:${d.regionName}`))]], [tree.data]);
  const centerOptions = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const c of tree.data?.centers ?? []) {
      const g = ITEM_LEVEL_LABELS[c.level];
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g)!.push({ value: c.id, label: `${c.name}（${c.total}）` });
    }
    return [...groups.entries()].map(([label, options]) => ({ label, options }));
  }, [tree.data]);
  const deptName = tree.data?.departments.find((d) => d.id === departmentId)?.name;

  return (
    <>
      <PageHeader
        title="事项清单"
        sub="县、乡镇、村三级政务服务事项实施清单：编辑草稿、提交审核、审核发布，发布后生成办事指南。"
        extra={
          <Space wrap>
            {can('catalog_basic_item.read') && (
              <Link to="/workbench/catalog/basic">
                <Button icon={<FileSearchOutlined />}>基本目录</Button>
              </Link>
            )}
            {can('catalog_item.create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建事项
              </Button>
            )}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={7} xl={5}>
          <Card
            size="small"
            title={
              <Space>
                <BankOutlined />
                按部门
              </Space>
            }
            extra={
              <Tooltip title="刷新">
                <Button type="text" size="small" icon={<ReloadOutlined />} onClick={tree.reload} aria-label="刷新部门" />
              </Tooltip>
            }
            className="bm-org-tree-card"
          >
            {tree.loading && !tree.data ? (
              <div style={{ textAlign: 'center', padding: 24 }}>
                <Spin />
              </div>
            ) : tree.error ? (
              <Typography.Text type="danger">{tree.error.message}</Typography.Text>
            ) : treeData[0] && (tree.data?.departments.length ?? 0) > 0 ? (
              <Tree
                className="bm-cat-tree"
                blockNode
                treeData={treeData}
                defaultExpandedKeys={expanded}
                key={expanded.join()}
                selectedKeys={[departmentId ?? ALL]}
                onSelect={(keys) => {
                  const k = keys[0] as string | undefined;
                  if (!k) return;
                  setParam('department', k === ALL ? undefined : k);
                }}
                aria-label="部门"
              />
            ) : (
              <Empty description="暂无部门" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={17} xl={19}>
          <Card size="small" title={deptName ?? '全部事项'}>
            <Space wrap style={{ marginBottom: 12 }}>
              <Select
                allowClear
                placeholder="全部实施中心"
                style={{ width: 220 }}
                value={centerId}
                onChange={(v?: string) => setParam('center', v)}
                options={centerOptions}
                showSearch={{ optionFilterProp: 'label' }}
                aria-label="实施中心"
              />
              <Select
                allowClear
                placeholder="全部状态"
                style={{ width: 130 }}
                value={status}
                onChange={(v?: string) => setParam('status', v)}
                options={Object.entries(ITEM_STATUSES).map(([value, label]) => ({ value, label }))}
                aria-label="状态"
              />
              <Checkbox checked={pending} onChange={(e) => setParam('pending', e.target.checked ? '1' : undefined)}>
                只看待审核和草稿
              </Checkbox>
              <Input.Search
                placeholder="事项名称、俗称或编码"
                allowClear
                defaultValue={q}
                onSearch={(v) => setParam('q', v.trim() || undefined)}
                style={{ width: 240 }}
              />
            </Space>
            {list.error ? (
              <Result status={list.error.status === 403 ? '403' : 'error'} title={list.error.message} />
            ) : (
              <Table<CatalogItemSummary>
                size="small"
                rowKey="id"
                loading={list.loading}
                dataSource={list.items}
                pagination={false}
                scroll={{ x: 760 }}
                locale={{ emptyText: <Empty description={q || status || pending || centerId || departmentId ? '没有符合条件的事项' : '暂无事项'} /> }}
                columns={[
                  {
                    title: '事项名称',
                    key: 'name',
                    render: (_, r) => (
                      <div style={{ minWidth: 200 }}>
                        <Link to={`/workbench/catalog/items/${r.id}`}>{r.name}</Link>
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {r.centerName} · {r.departmentName}
                          </Typography.Text>
                        </div>
                      </div>
                    ),
                  },
                  {
                    title: '实施编码',
                    dataIndex: 'implementationCode',
                    width: 178,
                    render: (v: string, r) => (
                      <Tooltip title={`基本编码 ${r.basicCode}`}>
                        <span className="bm-cat-code">{v}</span>
                      </Tooltip>
                    ),
                  },
                  { title: '层级', dataIndex: 'level', width: 66, render: (v: ItemLevel) => <Tag bordered={false}>{ITEM_LEVEL_LABELS[v]}</Tag> },
                  {
                    title: '状态',
                    key: 'status',
                    width: 150,
                    render: (_, r) => (
                      <Space size={[0, 4]} wrap>
                        {statusTags(r).map((t) => (
                          <Tag key={t.key} color={t.color}>
                            {t.text}
                          </Tag>
                        ))}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          v{r.openVersion ?? r.publishedVersion ?? r.latestVersion}
                        </Typography.Text>
                      </Space>
                    ),
                  },
                  {
                    title: '更新时间',
                    dataIndex: 'updatedAt',
                    width: 100,
                    render: (v: string) => <Tooltip title={fmtDateTime(v)}>{fmtRelative(v)}</Tooltip>,
                  },
                  {
                    title: '操作',
                    key: 'ops',
                    width: 56,
                    fixed: 'right',
                    render: (_, r) => {
                      const rowCan = rowAbility(r.abilities);
                      const inReview = r.openStatus === 'in_review' || r.status === 'in_review';
                      const label = rowCan('review') && inReview ? '审核' : rowCan('update') && !inReview ? '编辑' : '查看';
                      return <Link to={`/workbench/catalog/items/${r.id}`}>{label}</Link>;
                    },
                  },
                ]}
              />
            )}
            <LoadMore list={list} />
          </Card>
        </Col>
      </Row>
      <NewItemModal open={creating} tree={tree.data} onClose={() => setCreating(false)} />
    </>
  );
}
