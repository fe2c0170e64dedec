import { FileOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Descriptions, Drawer, Result, Select, Space, Table, Tabs, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../../shared/api';
import { fmtDateTime } from '../../../../shared/format';
import { useLoad } from '../../../../shared/hooks';
import { LoadMore } from '../../../../shared/LoadMore';
import { PageHeader } from '../../../../shared/PageHeader';
import { useCursorList } from '../../../../shared/useCursorList';
import { useParamPatch } from '../../../../shared/useParamPatch';
import { DeadlineTag, StatusTag } from '../cases/caseLabels';
import { MandateStatusTag, TimelinessTag, useAgencyFilters } from './agencyParts';
import { MANDATE_STATUS_LABELS, type MandateDetail, type MandateList, type MandateSummary } from './agencyTypes';
import '../cases/cases.css';
import './agency.css';

const fileUrl = (m: { id: string }, f: { id: string }) => `/api/agency/mandates/${m.id}/files/${f.id}`;
const KIND_LABELS = { consent: '委托书', material: '材料', confirmation: '领取确认' } as const;

function MandateDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { data: m, loading, error } = useLoad((signal) => (id ? api.get<MandateDetail>(`/agency/mandates/${id}`, undefined, { signal }) : Promise.resolve(undefined)), [id]);
  return (
    <Drawer open={!!id} onClose={onClose} title={m ? `${m.villagerName} · ${m.itemName}` : '代办事项'} size="large" loading={loading && !m}>
      {error ? (
        <Result status={error.status === 404 ? '404' : 'error'} title={error.status === 404 ? '未找到该代办事项' : '加载失败'} subTitle={error.message} />
      ) : m ? (
        <>
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered style={{ marginBottom: 16 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="申请人">{m.villagerName}</Descriptions.Item>
            <Descriptions.Item label="身份证号">
              <span className="bm-case-mono">{m.villagerIdMasked ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label="联系电话">{m.villagerPhoneMasked ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <MandateStatusTag status={m.status} />
            </Descriptions.Item>
            <Descriptions.Item label="代办事项" span={2}>
              {m.itemName}（办事指南第 {m.itemVersion} 版）
            </Descriptions.Item>
            <Descriptions.Item label="代办点">{m.villageName}</Descriptions.Item>
            <Descriptions.Item label="代办员">{m.agentName}</Descriptions.Item>
            <Descriptions.Item label="收件日期">{m.timeliness.collectedOn}</Descriptions.Item>
            <Descriptions.Item label="应送达">{m.timeliness.dueOn}</Descriptions.Item>
            <Descriptions.Item label="送达日期">{m.timeliness.submittedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="时效">
              <TimelinessTag t={m.timeliness} status={m.status} />
            </Descriptions.Item>
            <Descriptions.Item label="办件" span={2}>
              {m.case ? (
                <Space wrap>
                  <Link to={`/workbench/cases/${m.case.id}`} className="bm-case-no">
                    {m.case.caseNo}
                  </Link>
                  <StatusTag status={m.case.status} decision={m.case.decision} />
                  <DeadlineTag deadline={m.case.deadline} />
                  <Typography.Text type="secondary">{m.case.handlingCenterName}办理</Typography.Text>
                </Space>
              ) : (
                <Typography.Text type="secondary">尚未提交到镇（街道）或县</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="委托" span={2}>
              <div>{m.consent.statement}</div>
              <div className="bm-agency-cell-meta">
                {m.consent.method === 'signature' ? '手写签名' : '拍照'} · {fmtDateTime(m.consent.signedAt)}
              </div>
            </Descriptions.Item>
            {m.notes ? (
              <Descriptions.Item label="备注" span={2}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{m.notes}</span>
              </Descriptions.Item>
            ) : null}
            {m.handover ? (
              <Descriptions.Item label="结果移交" span={2}>
                {fmtDateTime(m.handedOverAt)} 交给 {m.handover.receiver}（{m.handover.method === 'signature' ? '手写签名确认' : '拍照确认'}）{m.handover.note ? `：${m.handover.note}` : ''}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Typography.Title level={5}>委托书、材料照片与领取确认</Typography.Title>
          <div className="bm-agency-files">
            {m.files.map((f) => (
              <a key={f.id} className="bm-agency-file" href={fileUrl(m, f)} target="_blank" rel="noreferrer">
                {f.mime.startsWith('image/') ? <img src={fileUrl(m, f)} alt={f.name} loading="lazy" /> : <FileOutlined style={{ fontSize: 40, margin: 28 }} />}
                <div>{KIND_LABELS[f.kind]}</div>
                <div className="bm-agency-cell-meta">{f.name}</div>
              </a>
            ))}
          </div>
        </>
      ) : null}
    </Drawer>
  );
}

/** 代办件: the village agents' matters of my villages; 逾期 lists those that reached the township late. */
export default function MandatesPage() {
  const [params, setParam] = useParamPatch();
  const tab = params.get('tab') === 'late' ? 'late' : 'all';
  const villageCenterId = params.get('villageCenterId') ?? undefined;
  const agentId = params.get('agentId') ?? undefined;
  const status = params.get('status') ?? undefined;
  const viewing = params.get('id');
  const filters = useAgencyFilters();
  const list = useCursorList<MandateSummary>('/agency/mandates', { villageCenterId, agentId, status, late: tab === 'late' ? 'true' : undefined }, 50);
  const lateCount = useLoad((signal) => api.get<MandateList>('/agency/mandates', { villageCenterId, agentId, late: 'true', limit: 1 }, { signal }), [villageCenterId, agentId]);

  return (
    <>
      <PageHeader
        title="代办件"
        sub="村代办员收取的事项：材料应在收件后 3 个工作日内送达镇（街道）或县；逾期的标红并注明逾期工作日数。"
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              list.reload();
              lateCount.reload();
            }}
          >
            刷新
          </Button>
        }
      />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParam({ tab: k === 'late' ? 'late' : undefined })}
          items={[
            { key: 'all', label: <span data-testid="tab-all">全部{tab === 'all' && list.total !== undefined ? `（${list.total}）` : ''}</span> },
            {
              key: 'late',
              label: (
                <span data-testid="tab-late">
                  逾期
                  <Badge count={lateCount.data?.total ?? 0} showZero color="#f5222d" style={{ marginLeft: 6 }} />
                </span>
              ),
            },
          ]}
        />
        <Space wrap style={{ marginBottom: 12 }}>
          <Select allowClear placeholder="全部村（社区）" style={{ width: 220 }} loading={filters.loading} value={villageCenterId} onChange={(v?: string) => setParam({ villageCenterId: v })} options={filters.villages} aria-label="村（社区）" />
          <Select allowClear placeholder="全部代办员" style={{ width: 170 }} loading={filters.loading} value={agentId} onChange={(v?: string) => setParam({ agentId: v })} options={filters.agents} aria-label="代办员" />
          <Select
            allowClear
            placeholder="全部状态"
            style={{ width: 150 }}
            value={status}
            onChange={(v?: string) => setParam({ status: v })}
            options={Object.entries(MANDATE_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            aria-label="状态"
          />
        </Space>
        {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
        <Table<MandateSummary>
          rowKey="id"
          size="middle"
          loading={list.loading && list.items.length === 0}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: tab === 'late' ? '没有逾期的代办件' : '暂无代办件' }}
          rowClassName={(m) => (m.timeliness.late ? 'bm-agency-late' : '')}
          onRow={(m) => ({ onClick: () => setParam({ id: m.id }), style: { cursor: 'pointer' } })}
          columns={[
            { title: '收件日期', width: 110, render: (_, m) => m.timeliness.collectedOn },
            {
              title: '申请人',
              width: 170,
              render: (_, m) => (
                <>
                  <div className="bm-agency-cell-name">{m.villagerName}</div>
                  <div className="bm-agency-cell-meta bm-case-mono">{m.villagerIdMasked}</div>
                </>
              ),
            },
            {
              title: '代办事项',
              render: (_, m) => (
                <>
                  <div>{m.itemName}</div>
                  <div className="bm-agency-cell-meta">
                    {m.villageName} · {m.agentName}
                  </div>
                </>
              ),
            },
            {
              title: '送达时效',
              width: 190,
              render: (_, m) => (
                <>
                  <TimelinessTag t={m.timeliness} status={m.status} />
                  <div className="bm-agency-cell-meta">应送达 {m.timeliness.dueOn}</div>
                </>
              ),
            },
            { title: '状态', width: 110, render: (_, m) => <MandateStatusTag status={m.status} /> },
            {
              title: '办件',
              width: 240,
              render: (_, m) =>
                m.case ? (
                  <>
                    <Link to={`/workbench/cases/${m.case.id}`} className="bm-case-no" onClick={(e) => e.stopPropagation()}>
                      {m.case.caseNo}
                    </Link>
                    <div>
                      <StatusTag status={m.case.status} decision={m.case.decision} />
                    </div>
                  </>
                ) : (
                  <Typography.Text type="secondary">未提交</Typography.Text>
                ),
            },
          ]}
        />
        <LoadMore list={list} />
      </Card>
      <MandateDrawer id={viewing} onClose={() => setParam({ id: undefined })} />
    </>
  );
}
