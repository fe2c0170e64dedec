import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useAuth } from '../../../../shared/auth';
import { download } from '../../../../shared/api';
import { useShowError } from '../../../../shared/hooks';
import { usePageTitle } from '../../../../shared/title';
import type { TreeNode } from '../../../../shared/types';
import { useOrgContext } from './context';
import { RegionFormModal } from './orgForms';

function count(nodes: TreeNode[]) {
  const c = { county: 0, township: 0, village: 0, other: 0, centers: 0, activeCenters: 0 };
  const walk = (n: TreeNode) => {
    if (n.level === 'county' || n.level === 'township' || n.level === 'village') c[n.level] += 1;
    else c.other += 1;
    c.centers += n.centers.length;
    c.activeCenters += n.centers.filter((x) => x.active).length;
    n.children.forEach(walk);
  };
  nodes.forEach(walk);
  return c;
}

export default function OrgOverview() {
  usePageTitle('组织机构');
  const { roots, reloadTree, treeLoading } = useOrgContext();
  const { can } = useAuth();
  const navigate = useNavigate();
  const showError = useShowError();
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const c = useMemo(() => count(roots), [roots]);

  return (
    <Card
      title={
        <span>
          <ApartmentOutlined /> 组织机构概览
        </span>
      }
      extra={
        <span style={{ display: 'inline-flex', gap: 8, flexWrap: 'wrap' }}>
          {can('region.export') && (
            <Button
              loading={exporting}
              onClick={async () => {
                setExporting(true);
                try {
                  await download('/org/export', undefined, '组织机构导出.xlsx');
                } catch (e) {
                  showError(e);
                } finally {
                  setExporting(false);
                }
              }}
            >
              导出 Excel
            </Button>
          )}
          {can('region.create') && roots.length === 0 && !treeLoading && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建区划
            </Button>
          )}
        </span>
      }
    >
      {!treeLoading && roots.length === 0 ? (
        <Empty description="您的管辖范围内暂无区划" />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {(
              [
                ['县（区）', c.county],
                ['乡镇（街道）', c.township],
                ['村（社区）', c.village],
              ] as const
            )
              .filter(([, n]) => n > 0)
              .map(([label, n]) => (
                <Col key={label} xs={12} md={6}>
                  <Statistic title={label} value={n} />
                </Col>
              ))}
            <Col xs={12} md={6}>
              <Statistic title="服务中心（启用 / 全部）" value={c.activeCenters} suffix={`/ ${c.centers}`} />
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ marginTop: 24, marginBottom: 0 }}>
            在区划树中选择区划或服务中心，查看详情并进行维护。
          </Typography.Paragraph>
        </>
      )}
      <RegionFormModal
        open={creating}
        parent={null}
        onClose={() => setCreating(false)}
        onSaved={(id) => {
          setCreating(false);
          reloadTree();
          navigate(`/workbench/org/regions/${id}`);
        }}
      />
    </Card>
  );
}
