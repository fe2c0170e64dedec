import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CheckOutlined,
  CloseCircleOutlined,
  DownOutlined,
  FileTextOutlined,
  PauseCircleOutlined,
  PaperClipOutlined,
  PlayCircleOutlined,
  PrinterOutlined,
  ReloadOutlined,
  SendOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Dropdown,
  Empty,
  Form,
  Input,
  Progress,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../../../shared/api';
import { fmtDateTime } from '../../../../shared/format';
import { FormModal } from '../../../../shared/FormModal';
import { useLoad, useShowError } from '../../../../shared/hooks';
import { usePageTitle } from '../../../../shared/title';
import type { CaseCorrectionItem, CaseDetail, CaseMaterial, CaseTask } from '../../../../shared/types';
import { CHANNELS, DeadlineTag, DELIVERY_METHODS, ITEM_LEVEL_LABELS, NOTICE_LABELS, noticeUrl, PAUSE_KINDS, problemList, StatusTag } from './caseLabels';
import {
  checklistProblems,
  checksOf,
  correctionsFor,
  CorrectionModal,
  LineList,
  MaterialChecklist,
  necessityTag,
  RejectModal,
  type Checklist,
  type ChecklistMaterial,
  type RejectValues,
} from './CaseForms';
import './cases.css';

type ModalKind = 'accept' | 'correct' | 'reject' | 'suspend' | 'decide' | 'deliver' | 'return' | 'withdraw' | null;

const MATERIAL_STATUS: Record<CaseMaterial['status'], { text: string; color: string }> = {
  received: { text: '已收', color: 'green' },
  missing: { text: '缺', color: 'red' },
  deferred: { text: '容缺待补', color: 'orange' },
  supplied: { text: '已补交', color: 'cyan' },
  not_needed: { text: '不需要', color: 'default' },
};
const TASK_STATUS: Record<CaseTask['status'], { text: string; color: string }> = {
  waiting: { text: '未开始', color: 'default' },
  open: { text: '待认领', color: 'blue' },
  claimed: { text: '办理中', color: 'processing' },
  done: { text: '已完成', color: 'green' },
};
const TASK_KIND: Record<CaseTask['kind'], string> = { acceptance: '受理', review: '审查', decision: '决定', delivery: '送达' };
const EVENT_COLORS: Record<string, string> = {
  accepted: 'green',
  decided: 'green',
  delivered: 'green',
  rejected: 'red',
  returned: 'red',
  task_returned: 'red',
  correction_requested: 'orange',
  suspended: 'gray',
  withdrawn: 'gray',
};

const OPEN_REVIEW = ['accepted', 'in_review'];

/** 办件详情: header, deadline bar, actions the server allows, tasks by stage, materials, timeline. */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const c = useLoad((signal) => api.get<CaseDetail>(`/cases/${id}`, undefined, { signal }), [id]);
  const d = c.data;
  usePageTitle(d ? `办件 ${d.caseNo}` : '办件详情');
  const [open, setOpen] = useState<ModalKind>(null);
  const [task, setTask] = useState<CaseTask | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  if (c.loading && !d) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (c.error && !d) {
    return (
      <Result
        status={c.error.status === 404 ? '404' : c.error.status === 403 ? '403' : 'error'}
        title={c.error.status === 404 ? '办件不存在或不在您的管辖范围内' : c.error.message}
        extra={
          <Link to="/workbench/cases">
            <Button type="primary">返回待办</Button>
          </Link>
        }
      />
    );
  }
  if (!d) return null;

  const can = (a: string) => d.abilities.includes(a);
  const conflict = (e: ApiError) => {
    setOpen(null);
    setTask(null);
    modal.warning({
      title: '已被他人处理',
      content: `${e.message}。点击「刷新」查看办件的最新状态。`,
      okText: '刷新',
      onOk: () => c.reload(),
    });
  };

  /** Post an action with the case version; the answer is the new case. 409 → 已被他人处理. */
  const act = async (path: string, body: Record<string, unknown>, done: string): Promise<boolean> => {
    try {
      const next = await api.post<CaseDetail>(`/cases/${d.id}/${path}`, { version: d.version, ...body });
      c.setData(next);
      void message.success(done);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        conflict(e);
        return false;
      }
      throw e;
    }
  };
  /** For dialogs: close on success or conflict, keep open (and show the error) otherwise. */
  const submitIn = async (path: string, body: Record<string, unknown>, done: string) => {
    await act(path, body, done);
    setOpen(null);
    setTask(null);
  };
  /** For plain buttons. */
  const press = async (key: string, path: string, body: Record<string, unknown>, done: string) => {
    setBusy(key);
    try {
      await act(path, body, done);
    } catch (e) {
      const list = e instanceof ApiError ? problemList(e.details) : [];
      if (list.length > 1) modal.error({ title: (e as ApiError).message, content: list.join('；') });
      else showError(e);
    } finally {
      setBusy(null);
    }
  };

  const receiving = ['received', 'correcting'].includes(d.status);
  const reviewing = OPEN_REVIEW.includes(d.status);
  const openReviews = d.tasks.filter((t) => t.kind === 'review' && t.status !== 'done');
  const mayDecide = can('decide') && reviewing;
  const mayDeliver = can('deliver') && d.status === 'concluded' && !d.deliveredAt;
  const mayReturn = can('decide') && [...OPEN_REVIEW, 'suspended'].includes(d.status);
  const mayWithdraw = can('withdraw') && ['received', 'correcting', ...OPEN_REVIEW, 'suspended'].includes(d.status);
  const materialsForCheck: ChecklistMaterial[] = d.materials.map((m) => ({ key: m.key, name: m.name, necessity: m.necessity, formLabel: m.form, copies: m.copies, deferDays: null, note: m.note }));

  const more = [
    ...(mayReturn ? [{ key: 'return', label: '退件', danger: true }] : []),
    ...(mayWithdraw ? [{ key: 'withdraw', label: '申请人撤回' }] : []),
  ];

  const actions = (
    <Space wrap>
      {receiving && can('accept') && (
        <Button type="primary" icon={<CheckOutlined />} onClick={() => setOpen('accept')}>
          受理
        </Button>
      )}
      {receiving && can('update') && (
        <>
          <Button icon={<FileTextOutlined />} onClick={() => setOpen('correct')}>
            一次性告知
          </Button>
          <Button danger icon={<CloseCircleOutlined />} onClick={() => setOpen('reject')}>
            不予受理
          </Button>
        </>
      )}
      {mayDecide && (
        <Tooltip title={openReviews.length ? `还有审查环节未完成：${openReviews.map((t) => t.name).join('、')}` : undefined}>
          <Button type="primary" icon={<TrophyOutlined />} disabled={openReviews.length > 0} onClick={() => setOpen('decide')}>
            作出决定
          </Button>
        </Tooltip>
      )}
      {can('review') && reviewing && (
        <Button icon={<PauseCircleOutlined />} onClick={() => setOpen('suspend')}>
          挂起
        </Button>
      )}
      {can('review') && d.status === 'suspended' && (
        <Button type="primary" icon={<PlayCircleOutlined />} loading={busy === 'resume'} onClick={() => void press('resume', 'resume', {}, '已恢复办理，期限已顺延')}>
          恢复办理
        </Button>
      )}
      {mayDeliver && (
        <Button type="primary" icon={<SendOutlined />} onClick={() => setOpen('deliver')}>
          送达
        </Button>
      )}
      {more.length > 0 && (
        <Dropdown menu={{ items: more, onClick: ({ key }) => setOpen(key as ModalKind) }} trigger={['click']}>
          <Button>
            更多 <DownOutlined />
          </Button>
        </Dropdown>
      )}
    </Space>
  );

  return (
    <div className="bm-case-detail">
      <Space style={{ marginBottom: 8 }}>
        <Link to="/workbench/cases">
          <ArrowLeftOutlined /> 返回待办
        </Link>
      </Space>
      <Card size="small">
        <div className="bm-case-head">
          <span className="bm-case-head-no" data-testid="detail-case-no">
            {d.caseNo}
          </span>
          <StatusTag status={d.status} decision={d.decision} />
          {d.deliveredAt && <Tag color="green">已送达</Tag>}
          <span style={{ flex: 1 }} />
          <Tooltip title="刷新">
            <Button type="text" icon={<ReloadOutlined />} onClick={c.reload} aria-label="刷新" />
          </Tooltip>
        </div>
        <Typography.Title level={4} style={{ margin: '8px 0 12px' }}>
          {d.itemName}
        </Typography.Title>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            {
              key: 'applicant',
              label: '申请人',
              children: (
                <span>
                  {d.applicant.name}
                  {d.applicant.kind === 'enterprise' && d.applicant.contactName ? `（经办人 ${d.applicant.contactName}）` : ''}
                </span>
              ),
            },
            { key: 'id', label: d.applicant.kind === 'person' ? '身份证号' : '信用代码', children: <span className="bm-case-no">{d.applicant.idMasked ?? d.applicant.creditCode ?? '—'}</span> },
            { key: 'phone', label: '联系电话', children: d.applicant.phoneMasked ?? '—' },
            { key: 'recv', label: '收件', children: `${d.centerName} · ${CHANNELS[d.channel]} · ${fmtDateTime(d.receivedAt).slice(0, 16)}` },
            ...(d.agentName ? [{ key: 'agent', label: '代办员', children: d.agentName }] : []),
            ...(d.deliveryPreference && !d.deliveryMethod
              ? [{ key: 'pref', label: '申请人选择送达', children: `${DELIVERY_METHODS[d.deliveryPreference.method]}${d.deliveryPreference.address ? `（${d.deliveryPreference.address}）` : ''}` }]
              : []),
            { key: 'hand', label: '承办', children: `${d.handlingCenterName} · ${d.departmentName}` },
            { key: 'type', label: '办件类型', children: `${d.handlingType === 'instant' ? '即办件' : '承诺件'} · 事项第 ${d.itemVersion} 版` },
            ...(d.decisionNo ? [{ key: 'dno', label: '决定书文号', children: d.decisionNo }] : []),
            ...(d.resultNo ? [{ key: 'rno', label: '证照 / 结果编号', children: d.resultNo }] : []),
            ...(d.deliveryMethod ? [{ key: 'dm', label: '送达', children: `${DELIVERY_METHODS[d.deliveryMethod]} · ${fmtDateTime(d.deliveredAt).slice(0, 16)}` }] : []),
          ]}
        />
        <div className="bm-case-actionbar">
          {actions}
          {d.notices.length > 0 && (
            <Space wrap>
              {d.notices.map((n) => (
                <Button key={n} size="small" icon={<PrinterOutlined />} href={noticeUrl(d.id, n)} target="_blank" rel="noreferrer">
                  {n === 'decision' ? (d.decision === 'deny' ? '不予决定书' : '准予决定书') : NOTICE_LABELS[n] ?? n}
                </Button>
              ))}
            </Space>
          )}
        </div>
      </Card>

      <DeadlineBar d={d} />

      {d.status === 'correcting' && d.corrections && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          title={`等待申请人补正 ${d.corrections.length} 项`}
          description={
            <ul className="bm-case-problems">
              {d.corrections.map((x, i) => (
                <li key={i}>
                  {x.name}：{x.problem}（{x.requirement}）
                </li>
              ))}
            </ul>
          }
        />
      )}
      {d.rejection && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title="不予受理"
          description={`理由：${d.rejection.reasons.join('；')}。依据：${d.rejection.legalBasis.join('；')}`}
        />
      )}
      {d.decisionText && (
        <Alert
          type={d.decision === 'approve' ? 'success' : 'error'}
          showIcon
          style={{ marginTop: 16 }}
          title={d.decision === 'approve' ? '决定：准予' : '决定：不予'}
          description={d.decisionText}
        />
      )}

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title="审查环节">
            <Stages
              d={d}
              busy={busy}
              onClaim={(t) => void press(`claim:${t.id}`, `tasks/${t.id}/claim`, {}, `已认领「${t.name}」`)}
              onComplete={(t) => setTask(t)}
            />
          </Card>
          <Card size="small" title="材料" style={{ marginTop: 16 }}>
            <Materials d={d} busy={busy} onSupply={(m) => void press(`supply:${m.key}`, `materials/${encodeURIComponent(m.key)}/supply`, {}, `「${m.name}」已补交`)} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="办理过程">
            <Timeline
              items={[...d.timeline].reverse().map((e) => ({
                key: `${e.at}-${e.type}`,
                color: EVENT_COLORS[e.type] ?? 'blue',
                title: fmtDateTime(e.at).slice(0, 16),
                content: (
                  <div>
                    <div>
                      <strong>{e.label}</strong>
                      {e.actorName && <Typography.Text type="secondary"> · {e.actorName}</Typography.Text>}
                    </div>
                    {e.note && <div className="bm-case-timeline-note">{e.note}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>

      <AcceptModal open={open === 'accept'} d={d} materials={materialsForCheck} onCancel={() => setOpen(null)} onSubmit={(materials) => submitIn('accept', { materials }, '已受理')} />
      <CorrectionModal
        open={open === 'correct'}
        initial={correctionsFor(
          materialsForCheck,
          Object.fromEntries(d.materials.map((m) => [m.key, { status: m.status === 'supplied' ? 'received' : m.status, pages: m.pages }])) as Checklist,
        )}
        onCancel={() => setOpen(null)}
        onSubmit={(corrections: CaseCorrectionItem[]) => submitIn('correct', { corrections }, '已出具一次性告知书')}
      />
      <RejectModal open={open === 'reject'} basis={[]} onCancel={() => setOpen(null)} onSubmit={(v: RejectValues) => submitIn('reject', { ...v }, '已不予受理')} />
      <SuspendModal open={open === 'suspend'} onCancel={() => setOpen(null)} onSubmit={(v) => submitIn('suspend', v, '已挂起，暂停计时')} />
      <DecideModal open={open === 'decide'} onCancel={() => setOpen(null)} onSubmit={(v) => submitIn('decide', v, '已作出决定，办件办结')} />
      <DeliverModal open={open === 'deliver'} d={d} onCancel={() => setOpen(null)} onSubmit={(v) => submitIn('deliver', v, '已送达')} />
      <FormModal<{ reason: string }>
        open={open === 'return' || open === 'withdraw'}
        title={open === 'return' ? '退件' : '申请人撤回申请'}
        okText="确定"
        onCancel={() => setOpen(null)}
        onSubmit={(v) => submitIn(open === 'return' ? 'return' : 'withdraw', { reason: v.reason.trim() }, open === 'return' ? '已退件' : '已撤回')}
      >
        <Form.Item name="reason" label={open === 'return' ? '退件原因' : '撤回原因'} rules={[{ required: true, whitespace: true, message: '请填写原因' }, { max: 300, message: '不能超过300个字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </FormModal>
      <CompleteModal task={task} onCancel={() => setTask(null)} onSubmit={(t, v) => submitIn(`tasks/${t.id}/complete`, v, v.outcome === 'pass' ? `「${t.name}」审查通过` : `「${t.name}」已退回`)} />
    </div>
  );
}

/** Accepted on → due date, remaining working days, paused days. */
function DeadlineBar({ d }: { d: CaseDetail }) {
  const dl = d.deadline;
  if (!dl.acceptedOn) {
    return (
      <Card size="small" style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">
          {d.status === 'correcting' ? '等待补正：补齐受理后开始计算办理时限。' : d.status === 'received' ? '已收件，尚未受理：受理后开始计算办理时限。' : '未受理，不计办理时限。'}
          承诺时限 {dl.promisedDays === 0 ? '即办' : `${dl.promisedDays} 个工作日`}。
        </Typography.Text>
      </Card>
    );
  }
  const total = dl.promisedDays + dl.pausedWorkdays;
  const used = dl.remaining === null ? total : Math.max(0, total - dl.pausedWorkdays - dl.remaining);
  const pct = dl.promisedDays === 0 ? 100 : Math.min(100, Math.round((used / Math.max(dl.promisedDays, 1)) * 100));
  const color = dl.state === 'overdue' ? '#f5222d' : dl.state === 'warning' ? '#fa8c16' : dl.state === 'paused' ? '#bfbfbf' : '#52c41a';
  const concluded = !!d.concludedAt;
  return (
    <Card size="small" style={{ marginTop: 16 }} title="办理时限" data-testid="deadline-bar">
      <div className="bm-case-deadline">
        <div className="bm-case-deadline-fact">
          <span>受理日期</span>
          <strong>{dl.acceptedOn}</strong>
        </div>
        <div className="bm-case-deadline-bar">
          <Progress percent={concluded ? 100 : pct} showInfo={false} strokeColor={concluded ? '#52c41a' : color} status={dl.state === 'overdue' ? 'exception' : 'normal'} />
          <Space wrap size={[8, 4]}>
            <Typography.Text type="secondary">承诺 {dl.promisedDays} 个工作日</Typography.Text>
            {dl.pausedWorkdays > 0 && <Typography.Text type="secondary">· 挂起 {dl.pausedWorkdays} 个工作日（顺延）</Typography.Text>}
            {concluded ? <Tag color="green">已于 {fmtDateTime(d.concludedAt).slice(0, 10)} 办结</Tag> : <DeadlineTag deadline={dl} />}
          </Space>
        </div>
        <div className="bm-case-deadline-fact">
          <span>办结期限</span>
          <strong style={{ color: concluded ? undefined : color }}>{dl.dueDate ?? '—'}</strong>
        </div>
      </div>
      {d.pauses.length > 0 && (
        <div style={{ marginTop: 8 }}>
          {d.pauses.map((p, i) => (
            <div key={i} className="bm-case-task-meta">
              {PAUSE_KINDS[p.kind]}：{p.startedOn} 起{p.endedOn ? ` 至 ${p.endedOn}，${p.workdays ?? 0} 个工作日` : '，进行中'} · {p.reason}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

function Stages({ d, busy, onClaim, onComplete }: { d: CaseDetail; busy: string | null; onClaim: (t: CaseTask) => void; onComplete: (t: CaseTask) => void }) {
  if (d.tasks.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d.acceptedAt ? '该事项没有审查环节' : '受理后按事项的办理流程生成审查环节'} />;
  }
  const stages = [...new Set(d.tasks.map((t) => t.stage))].sort((a, b) => a - b);
  return (
    <>
      {stages.map((s) => {
        const tasks = d.tasks.filter((t) => t.stage === s);
        const state = tasks.every((t) => t.status === 'done') ? 'done' : tasks.some((t) => t.status === 'open' || t.status === 'claimed') ? 'current' : '';
        return (
          <div key={s} className={`bm-case-stage ${state}`}>
            <div className="bm-case-stage-title">
              第 {s} 步{tasks.length > 1 ? `（并联 ${tasks.length} 项）` : ''}
            </div>
            {tasks.map((t) => (
              <div key={t.id} className="bm-case-task" data-testid={`task-${t.name}`}>
                <div className="bm-case-task-main">
                  <Space size={6} wrap>
                    <span className="bm-case-task-name">{t.name}</span>
                    <Tag color={TASK_STATUS[t.status].color}>{t.status === 'open' && t.kind !== 'review' ? `待${TASK_KIND[t.kind]}` : TASK_STATUS[t.status].text}</Tag>
                    {t.outcome && t.kind === 'review' && <Tag color={t.outcome === 'pass' ? 'green' : 'red'}>{t.outcome === 'pass' ? '通过' : '退回'}</Tag>}
                  </Space>
                  <div className="bm-case-task-meta">
                    {TASK_KIND[t.kind]} · {ITEM_LEVEL_LABELS[t.level as 'county'] ?? t.level} · {t.departmentName ?? `${ITEM_LEVEL_LABELS[t.level as 'county'] ?? ''}审查人员`}
                    {t.days > 0 ? ` · ${t.days} 个工作日` : ''}
                    {t.assigneeName && t.status === 'claimed' ? ` · ${t.assigneeName} 办理中` : ''}
                    {t.doneByName && t.doneAt ? ` · ${t.doneByName} ${fmtDateTime(t.doneAt).slice(0, 16)}` : ''}
                  </div>
                  {t.opinion && t.kind === 'review' && <div className="bm-case-opinion">{t.opinion}</div>}
                  {t.inspection && (
                    <div className="bm-case-opinion">
                      现场勘验（{t.inspection.inspectedOn}，{t.inspection.place}）：{t.inspection.findings}
                    </div>
                  )}
                </div>
                <Space>
                  {t.abilities.includes('claim') && (
                    <Button size="small" type="primary" ghost loading={busy === `claim:${t.id}`} onClick={() => onClaim(t)}>
                      认领
                    </Button>
                  )}
                  {t.abilities.includes('complete') && (
                    <Button size="small" type="primary" icon={<CheckCircleOutlined />} onClick={() => onComplete(t)}>
                      提交意见
                    </Button>
                  )}
                </Space>
              </div>
            ))}
          </div>
        );
      })}
    </>
  );
}

const FILE_SOURCES: Record<CaseMaterial['files'][number]['source'], string> = { online: '网上', agent: '代办', correction: '补正', window: '窗口' };

function Materials({ d, busy, onSupply }: { d: CaseDetail; busy: string | null; onSupply: (m: CaseMaterial) => void }) {
  const maySupply = d.abilities.includes('update') && !['rejected', 'returned', 'withdrawn'].includes(d.status);
  return (
    <Table<CaseMaterial>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={d.materials}
      scroll={{ x: 600 }}
      columns={[
        {
          title: '材料',
          dataIndex: 'name',
          render: (n: string, m) => (
            <div>
              <div>{n}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {m.form}
                {m.copies > 0 ? ` ${m.copies} 份` : ''}
                {m.pages ? ` · ${m.pages} 页` : ''}
              </Typography.Text>
            </div>
          ),
        },
        {
          title: '提交的文件',
          width: 180,
          render: (_, m) =>
            m.files.length ? (
              <Space orientation="vertical" size={0}>
                {m.files.map((f) => (
                  <a key={f.id} href={`/api/cases/${d.id}/files/${f.id}`} target="_blank" rel="noreferrer" className="bm-ellipsis" style={{ maxWidth: 170, display: 'inline-block' }} title={f.name}>
                    <PaperClipOutlined /> {FILE_SOURCES[f.source]}·{f.name}
                  </a>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            ),
        },
        { title: '要求', dataIndex: 'necessity', width: 100, render: (n: string) => necessityTag(n) },
        { title: '情况', dataIndex: 'status', width: 90, render: (s: CaseMaterial['status']) => <Tag color={MATERIAL_STATUS[s].color}>{MATERIAL_STATUS[s].text}</Tag> },
        {
          title: '补交期限',
          width: 150,
          render: (_, m) =>
            m.deferredDue ? (
              <span className={m.late ? 'bm-case-late' : undefined} data-late={m.late || undefined}>
                {m.deferredDue}
                {m.late ? '（已逾期）' : ''}
              </span>
            ) : (
              '—'
            ),
        },
        {
          title: '',
          width: 80,
          render: (_, m) =>
            m.status === 'deferred' && maySupply ? (
              <Button size="small" loading={busy === `supply:${m.key}`} onClick={() => onSupply(m)}>
                补交
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

/** 受理 after 补正: the checklist again, from what the case holds. */
function AcceptModal({ open, d, materials, onCancel, onSubmit }: { open: boolean; d: CaseDetail; materials: ChecklistMaterial[]; onCancel: () => void; onSubmit: (checks: ReturnType<typeof checksOf>) => Promise<void> }) {
  const initial = (): Checklist =>
    Object.fromEntries(d.materials.map((m) => [m.key, { status: m.status === 'supplied' ? 'received' : m.status === 'deferred' ? 'deferred' : m.status, pages: m.pages }])) as Checklist;
  const [list, setList] = useState<Checklist>(initial);
  const [shownFor, setShownFor] = useState(false);
  if (open !== shownFor) {
    setShownFor(open);
    if (open) setList(initial());
  }
  const problems = checklistProblems(materials, list);
  return (
    <FormModal<object>
      open={open}
      title="受理：核对材料"
      okText="受理"
      width={880}
      onCancel={onCancel}
      onSubmit={async () => {
        if (problems.length) throw new ApiError(422, 'CASE_MATERIAL_MISSING', problems[0]);
        await onSubmit(checksOf(materials, list));
      }}
    >
      <MaterialChecklist materials={materials} value={list} onChange={setList} />
      {problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title="尚不能受理"
          description={
            <ul className="bm-case-problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
    </FormModal>
  );
}

function SuspendModal({ open, onCancel, onSubmit }: { open: boolean; onCancel: () => void; onSubmit: (v: { kind: string; reason: string }) => Promise<void> }) {
  return (
    <FormModal<{ kind: string; reason: string }>
      open={open}
      title="挂起（特别程序，暂停计时）"
      okText="挂起"
      initialValues={{ kind: 'publicity' }}
      onCancel={onCancel}
      onSubmit={async (v) => onSubmit({ kind: v.kind, reason: v.reason.trim() })}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="挂起期间的工作日不计入办理时限，恢复办理时期限自动顺延。只能选择事项办事指南列明的特别程序。" />
      <Form.Item name="kind" label="特别程序" rules={[{ required: true, message: '请选择' }]}>
        <Select options={Object.entries(PAUSE_KINDS).map(([value, label]) => ({ value, label }))} aria-label="特别程序" />
      </Form.Item>
      <Form.Item name="reason" label="挂起原因" rules={[{ required: true, whitespace: true, message: '请填写挂起原因' }, { max: 300, message: '不能超过300个字' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder="如：在申请人所在村公示 7 天" />
      </Form.Item>
    </FormModal>
  );
}

interface DecideValues {
  approve: boolean;
  text: string;
  reasons?: string[];
  legalBasis?: string[];
  resultNo?: string;
}

function DecideModal({ open, onCancel, onSubmit }: { open: boolean; onCancel: () => void; onSubmit: (v: Record<string, unknown>) => Promise<void> }) {
  return (
    <FormModal<DecideValues>
      open={open}
      title="作出决定"
      okText="作出决定并办结"
      width={640}
      initialValues={{ approve: true, reasons: [''], legalBasis: [''] }}
      onCancel={onCancel}
      onSubmit={async (v) => {
        const lines = (a?: string[]) => (a ?? []).map((s) => s.trim()).filter(Boolean);
        await onSubmit({
          approve: v.approve,
          text: v.text.trim(),
          reasons: v.approve ? [] : lines(v.reasons),
          legalBasis: v.approve ? [] : lines(v.legalBasis),
          resultNo: v.approve && v.resultNo?.trim() ? v.resultNo.trim() : undefined,
        });
      }}
    >
      {(form) => (
        <>
          <Form.Item name="approve" label="决定">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: true, label: '准予' },
                { value: false, label: '不予' },
              ]}
            />
          </Form.Item>
          <Form.Item name="text" label="决定内容" rules={[{ required: true, whitespace: true, message: '请填写决定内容' }, { max: 2000, message: '不能超过2000个字' }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="如：经审核，申请人家庭符合最低生活保障条件，准予纳入最低生活保障。" />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.approve !== b.approve}>
            {() =>
              form.getFieldValue('approve') ? (
                <Form.Item name="resultNo" label="证照 / 结果编号" rules={[{ max: 100, message: '不能超过100个字' }]}>
                  <Input placeholder="选填，如证书编号" />
                </Form.Item>
              ) : (
                <>
                  <LineList name="reasons" label="不予的理由" placeholder="理由" addText="添加理由" />
                  <LineList name="legalBasis" label="依据" placeholder="如：《最低生活保障审核确认办法》第十条" addText="添加依据" />
                </>
              )
            }
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

interface DeliverValues {
  method: 'window' | 'post' | 'electronic' | 'agent';
  recipient: string;
  trackingNo?: string;
  address?: string;
}

function DeliverModal({ open, d, onCancel, onSubmit }: { open: boolean; d: CaseDetail; onCancel: () => void; onSubmit: (v: Record<string, unknown>) => Promise<void> }) {
  return (
    <FormModal<DeliverValues>
      open={open}
      title="送达办理结果"
      okText="确认送达"
      initialValues={{
        method: d.deliveryPreference?.method ?? 'window',
        recipient: d.deliveryPreference?.method === 'agent' && d.agentName ? d.agentName : d.applicant.kind === 'enterprise' ? (d.applicant.contactName ?? '') : d.applicant.name,
        address: d.deliveryPreference?.address,
      }}
      onCancel={onCancel}
      onSubmit={async (v) =>
        onSubmit({ method: v.method, recipient: v.recipient.trim(), trackingNo: v.method === 'post' ? v.trackingNo?.trim() : undefined, address: v.method === 'post' ? v.address?.trim() || undefined : undefined })
      }
    >
      {(form) => (
        <>
          <Form.Item name="method" label="送达方式">
            <Radio.Group optionType="button" buttonStyle="solid" options={Object.entries(DELIVERY_METHODS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.method !== b.method}>
            {() => {
              const m = form.getFieldValue('method') as DeliverValues['method'];
              return (
                <>
                  <Form.Item
                    name="recipient"
                    label={m === 'window' ? '签收人' : m === 'post' ? '收件人' : '接收人'}
                    extra={m === 'window' ? '申请人或其委托的代理人在《送达回证》上签字' : undefined}
                    rules={[{ required: true, whitespace: true, message: '请填写签收人' }, { max: 50, message: '不能超过50个字' }]}
                  >
                    <Input />
                  </Form.Item>
                  {m === 'post' && (
                    <>
                      <Form.Item name="trackingNo" label="快递单号" rules={[{ required: true, whitespace: true, message: '邮寄送达须填写快递单号' }, { max: 50, message: '不能超过50个字' }]}>
                        <Input />
                      </Form.Item>
                      <Form.Item name="address" label="邮寄地址" rules={[{ max: 200, message: '不能超过200个字' }]}>
                        <Input />
                      </Form.Item>
                    </>
                  )}
                </>
              );
            }}
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

interface CompleteValues {
  outcome: 'pass' | 'return';
  opinion: string;
  inspect: boolean;
  place?: string;
  findings?: string;
  inspectedOn?: Dayjs;
}

function CompleteModal({ task, onCancel, onSubmit }: { task: CaseTask | null; onCancel: () => void; onSubmit: (t: CaseTask, v: Record<string, unknown> & { outcome: string }) => Promise<void> }) {
  return (
    <FormModal<CompleteValues>
      open={!!task}
      title={task ? `提交审查意见：${task.name}` : ''}
      okText="提交"
      width={640}
      initialValues={{ outcome: 'pass', inspect: false, inspectedOn: dayjs() }}
      onCancel={onCancel}
      onSubmit={async (v) => {
        if (!task) return;
        await onSubmit(task, {
          outcome: v.outcome,
          opinion: v.opinion.trim(),
          inspection: v.inspect ? { place: (v.place ?? '').trim(), findings: (v.findings ?? '').trim(), inspectedOn: (v.inspectedOn ?? dayjs()).format('YYYY-MM-DD'), photos: [] } : undefined,
        });
      }}
    >
      {(form) => (
        <>
          <Form.Item name="outcome" label="审查结果">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'pass', label: '通过' },
                { value: 'return', label: '退回' },
              ]}
            />
          </Form.Item>
          <Form.Item name="opinion" label="审查意见" rules={[{ required: true, whitespace: true, message: '请填写审查意见' }, { max: 2000, message: '不能超过2000个字' }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="如：经入户调查，家庭人均收入低于当地低保标准，情况属实，同意。" />
          </Form.Item>
          <Form.Item name="inspect" valuePropName="checked">
            <Checkbox>记录现场勘验</Checkbox>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.inspect !== b.inspect}>
            {() =>
              form.getFieldValue('inspect') ? (
                <>
                  <Row gutter={12}>
                    <Col span={16}>
                      <Form.Item name="place" label="勘验地点" rules={[{ required: true, whitespace: true, message: '请填写勘验地点' }, { max: 200, message: '不能超过200个字' }]}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item name="inspectedOn" label="勘验日期" rules={[{ required: true, message: '请选择日期' }]}>
                        <DatePicker style={{ width: '100%' }} disabledDate={(x) => x.isAfter(dayjs(), 'day')} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name="findings" label="勘验情况" rules={[{ required: true, whitespace: true, message: '请填写勘验情况' }, { max: 2000, message: '不能超过2000个字' }]}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
                  </Form.Item>
                </>
              ) : null
            }
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

