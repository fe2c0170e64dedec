import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, download, withQuery } from '../../../../shared/api';
import { useAuth } from '../../../../shared/auth';
import { useLoad, useShowError } from '../../../../shared/hooks';
import { PageHeader } from '../../../../shared/PageHeader';
import { useParamPatch } from '../../../../shared/useParamPatch';
import { useAgencyFilters } from './agencyParts';
import { monthLabel, type Ledger, type LedgerRow } from './agencyTypes';
import '../cases/cases.css';
import './agency.css';

const OUTCOME_COLORS: Record<string, string> = { 准予: 'green', 不予: 'red', 不予受理: 'red', 退件: 'volcano', 撤回: 'default', 办理中: 'blue', 待提交: 'gold', 已取消: 'default' };

/** 代办台账: every matter of a month (by collection date) per village and agent; Excel export and the printable ledger. */
export default function LedgerPage() {
  const { can } = useAuth();
  const showError = useShowError();
  const [params, setParam] = useParamPatch();
  const month = params.get('month') ?? dayjs().format('YYYY-MM');
  const villageCenterId = params.get('villageCenterId') ?? undefined;
  const agentId = params.get('agentId') ?? undefined;
  const filters = useAgencyFilters();
  const query = { month, villageCenterId, agentId };
  const r = useLoad((signal) => api.get<Ledger>('/agency/ledger', query, { signal }), [month, villageCenterId, agentId]);
  const [exporting, setExporting] = useState(false);
  const rows = r.data?.rows ?? [];
  const t = r.data?.totals;
  const mayExport = can('agency_mandate.export');
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await download('/agency/ledger.xlsx', query, `代办台账-${month}.xlsx`);
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title="代办台账"
        sub="按收件日期统计当月每一件代办事项：送达镇（街道）是否逾期、办理结果、结果是否已交给申请人。身份证号已脱敏。"
        extra={
          mayExport && (
            <Space wrap>
              <Button icon={<FileExcelOutlined />} onClick={exportXlsx} loading={exporting} disabled={r.loading}>
                导出 Excel
              </Button>
              <a href={withQuery('/api/agency/ledger.pdf', query)} target="_blank" rel="noreferrer">
                <Button type="primary" icon={<PrinterOutlined />} disabled={r.loading}>
                  打印台账
                </Button>
              </a>
            </Space>
          )
        }
      />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(v) => v && setParam({ month: v.format('YYYY-MM') })}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            aria-label="台账月份"
          />
          <Select allowClear placeholder="全部村（社区）" style={{ width: 220 }} loading={filters.loading} value={villageCenterId} onChange={(v?: string) => setParam({ villageCenterId: v })} options={filters.villages} aria-label="村（社区）" />
          <Select allowClear placeholder="全部代办员" style={{ width: 170 }} loading={filters.loading} value={agentId} onChange={(v?: string) => setParam({ agentId: v })} options={filters.agents} aria-label="代办员" />
        </Space>
        <Space wrap size={[32, 12]} className="bm-agency-totals">
          <Statistic title={`${monthLabel(month)}代办`} value={t?.count ?? 0} suffix="件" loading={r.loading} />
          <Statistic title="已送达镇（县）" value={t?.submitted ?? 0} suffix="件" loading={r.loading} />
          <Statistic title="逾期送达" value={t?.late ?? 0} suffix="件" loading={r.loading} styles={{ content: { color: t?.late ? '#cf1322' : undefined } }} />
          <Statistic title="已办结" value={t?.concluded ?? 0} suffix="件" loading={r.loading} />
          <Statistic title="结果已移交" value={t?.handedOver ?? 0} suffix="件" loading={r.loading} />
        </Space>
        {r.error && <Alert type="error" showIcon title={r.error.message} style={{ marginBottom: 12 }} />}
        <Table<LedgerRow>
          rowKey="mandateId"
          size="small"
          loading={r.loading}
          dataSource={rows}
          pagination={{ pageSize: 100, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 1180 }}
          locale={{ emptyText: `${monthLabel(month)}没有代办事项` }}
          rowClassName={(x) => (x.late ? 'bm-agency-late' : '')}
          columns={[
            { title: '序号', width: 52, render: (_, __, i) => i + 1 },
            { title: '收件日期', dataIndex: 'collectedOn', width: 100 },
            {
              title: '村（社区）/ 代办员',
              width: 140,
              render: (_, x) => (
                <>
                  <div>{x.villageName}</div>
                  <div className="bm-agency-cell-meta">{x.agentName}</div>
                </>
              ),
            },
            {
              title: '申请人',
              width: 150,
              render: (_, x) => (
                <>
                  <div>{x.villagerName}</div>
                  <div className="bm-agency-cell-meta bm-case-mono">{x.villagerIdMasked}</div>
                </>
              ),
            },
            { title: '代办事项', dataIndex: 'itemName', width: 200 },
            {
              title: '办件编号',
              dataIndex: 'caseNo',
              width: 190,
              render: (v: string | null, x) =>
                v ? (
                  <Link to={`/workbench/agency/mandates?id=${x.mandateId}`} className="bm-case-no">
                    {v}
                  </Link>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
            {
              title: '送达镇（县）',
              width: 140,
              render: (_, x) => (
                <>
                  <div>{x.submittedOn ?? <Typography.Text type="secondary">未送达</Typography.Text>}</div>
                  <div className="bm-agency-cell-meta">应送达 {x.dueOn}</div>
                  {x.late && <Tag color="red">逾期 {x.daysLate} 个工作日</Tag>}
                </>
              ),
            },
            {
              title: '办理结果',
              width: 110,
              render: (_, x) => (
                <>
                  <Tag color={OUTCOME_COLORS[x.outcome] ?? 'default'}>{x.outcome}</Tag>
                  {x.concludedOn && <div className="bm-agency-cell-meta">{x.concludedOn}</div>}
                </>
              ),
            },
            { title: '结果移交', dataIndex: 'handedOverOn', width: 100, render: (v: string | null) => v ?? <span className="bm-muted">—</span> },
          ]}
        />
      </Card>
    </>
  );
}
