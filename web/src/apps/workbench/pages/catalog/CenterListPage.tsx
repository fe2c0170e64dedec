import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../../../shared/auth';
import { fmtDate } from '../../../../shared/format';
import { LoadMore } from '../../../../shared/LoadMore';
import { PageHeader } from '../../../../shared/PageHeader';
import type { CatalogItemSummary } from '../../../../shared/types';
import { useCursorList } from '../../../../shared/useCursorList';
import { useCatalogTree } from './catalogData';
import { ITEM_LEVEL_LABELS, ITEM_TYPES } from './catalogLabels';
import './catalog.css';

/** 本中心已发布清单: what a center publishes, with the printable wall list and each item's guide. */
export default function CenterListPage() {
  const { can } = useAuth();
  const tree = useCatalogTree();
  const [picked, setPicked] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const centers = useMemo(() => tree.data?.centers ?? [], [tree.data]);
  const centerId = picked ?? centers[0]?.id;
  const center = centers.find((c) => c.id === centerId);
  const list = useCursorList<CatalogItemSummary>('/catalog/admin/items', { centerId, q: q || undefined }, 200);
  const published = useMemo(() => list.items.filter((i) => i.publishedVersion !== null), [list.items]);
  const centerOptions = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const c of centers) {
      const g = ITEM_LEVEL_LABELS[c.level];
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g)!.push({ value: c.id, label: c.name });
    }
    return [...groups.entries()].map(([label, options]) => ({ label, options }));
  }, [centers]);
  const detailLinks = can('catalog_item.update') || can('catalog_item.review');

  return (
    <>
      <PageHeader
        title="本中心事项清单"
        sub="本中心已发布、对外公布的事项。可打印上墙清单，或打印单个事项的办事指南交给群众。"
        extra={
          center && (
            <Button type="primary" icon={<PrinterOutlined />} href={`/api/catalog/centers/${center.id}/list.pdf`} target="_blank">
              打印上墙清单（PDF）
            </Button>
          )
        }
      />
      <Card size="small">
        {tree.error ? (
          <Result status="error" title={tree.error.message} />
        ) : !tree.loading && centers.length === 0 ? (
          <Empty description="您的管辖范围内没有服务中心" />
        ) : (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              {centers.length > 1 && (
                <Select style={{ width: 260 }} value={centerId} onChange={setPicked} options={centerOptions} showSearch={{ optionFilterProp: 'label' }} aria-label="服务中心" />
              )}
              {center && centers.length === 1 && <Typography.Text strong>{center.name}</Typography.Text>}
              <Input.Search placeholder="事项名称或俗称" allowClear onSearch={(v) => setQ(v.trim())} style={{ width: 240 }} />
              {!list.loading && <Typography.Text type="secondary">共 {published.length} 项已发布{list.hasMore ? '（还有更多）' : ''}</Typography.Text>}
            </Space>
            {list.error ? (
              <Result status={list.error.status === 403 ? '403' : 'error'} title={list.error.message} />
            ) : (
              <Table<CatalogItemSummary>
                size="small"
                rowKey="id"
                loading={list.loading || tree.loading}
                dataSource={published}
                pagination={false}
                scroll={{ x: 860 }}
                locale={{ emptyText: <Empty description={q ? '没有匹配的事项' : '本中心尚无已发布的事项'} /> }}
                columns={[
                  { title: '序号', key: 'i', width: 60, render: (_, __, i) => i + 1 },
                  {
                    title: '事项名称',
                    dataIndex: 'name',
                    render: (v: string, r) => (detailLinks ? <Link to={`/workbench/catalog/items/${r.id}`}>{v}</Link> : v),
                  },
                  { title: '事项类型', dataIndex: 'itemType', width: 110, render: (v: string) => ITEM_TYPES[v as keyof typeof ITEM_TYPES] ?? v },
                  { title: '实施部门', dataIndex: 'departmentName', width: 180 },
                  {
                    title: '版本',
                    key: 'ver',
                    width: 130,
                    render: (_, r) => (
                      <Space size={4}>
                        <Tag color="green">v{r.publishedVersion}</Tag>
                        {r.openVersion !== null && <Tag color="orange">修订中</Tag>}
                      </Space>
                    ),
                  },
                  { title: '更新日期', dataIndex: 'updatedAt', width: 110, render: (v: string) => fmtDate(v) },
                  {
                    title: '办事指南',
                    key: 'pdf',
                    width: 100,
                    render: (_, r) => (
                      <a href={`/api/catalog/items/${r.id}/guide.pdf`} target="_blank" rel="noreferrer">
                        <FilePdfOutlined /> 打印
                      </a>
                    ),
                  },
                ]}
              />
            )}
            <LoadMore list={list} />
          </>
        )}
      </Card>
    </>
  );
}
