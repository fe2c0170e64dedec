import { CheckOutlined, CloseCircleOutlined, CopyOutlined, FileTextOutlined, InboxOutlined, PrinterOutlined, RightOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Form, Result, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../../../shared/api';
import { useAuth } from '../../../../shared/auth';
import { useLoad, useShowError } from '../../../../shared/hooks';
import { PageHeader } from '../../../../shared/PageHeader';
import type { CaseCorrectionItem, CaseDetail, Guide, SearchHit } from '../../../../shared/types';
import { ApplicantFields, applicantBody, type ApplicantValues } from './ApplicantFields';
import { CASE_STATUSES, DeadlineTag, newIdempotencyKey, NOTICE_LABELS, noticeUrl, problemList, StatusTag } from './caseLabels';
import {
  checklistProblems,
  checksOf,
  correctionsFor,
  CorrectionModal,
  initialChecklist,
  MaterialChecklist,
  RejectModal,
  type Checklist,
  type ChecklistMaterial,
  type RejectValues,
} from './CaseForms';
import { ItemPicker, useClerkPlace, type ItemPickerHandle } from './ItemPicker';
import './cases.css';

type Action = 'accept' | 'correct' | 'reject';

const DONE_TEXT: Record<Action, { title: string; notice: string; status: 'success' | 'info' | 'warning' }> = {
  accept: { title: '已受理', notice: 'acceptance', status: 'success' },
  correct: { title: '已出具一次性告知书', notice: 'correction', status: 'info' },
  reject: { title: '已不予受理', notice: 'rejection', status: 'warning' },
};

/** Problems of the last attempt, shown above the actions until the clerk changes something. */
interface Problems {
  title: string;
  list: string[];
}

/** 窗口受理: find the item, identify the applicant, tick the materials, then 受理 / 一次性告知 / 不予受理. */
export default function WindowPage() {
  const place = useClerkPlace();
  const { me } = useAuth();
  // A village agent (村代办员) hands cases in on the applicant's behalf; everyone else is a window.
  const roles = me?.roles.map((r) => r.role) ?? [];
  const channel = roles.includes('village_agent') && !roles.includes('window_clerk') ? 'agent' : 'window';
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<ApplicantValues>();
  const picker = useRef<ItemPickerHandle>(null);
  const nextBtn = useRef<HTMLButtonElement>(null);
  const idemKey = useRef<string | null>(null);
  const [hit, setHit] = useState<SearchHit | null>(null);
  const [checks, setChecks] = useState<{ for: string; list: Checklist } | null>(null);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [modal, setModal] = useState<'correct' | 'reject' | null>(null);
  const [corrections, setCorrections] = useState<CaseCorrectionItem[]>([]);
  const [done, setDone] = useState<{ action: Action; detail: CaseDetail } | null>(null);

  const guide = useLoad<Guide | undefined>(
    (signal) => (hit ? api.get<Guide>(`/catalog/items/${hit.id}`, { regionId: place.regionId ?? undefined }, { signal }) : Promise.resolve(undefined)),
    [hit?.id, place.regionId],
  );
  const g = hit && guide.data?.id === hit.id ? guide.data : undefined;
  const materials: ChecklistMaterial[] = useMemo(
    () => (g?.materials ?? []).map((m) => ({ key: m.key, name: m.name, necessity: m.necessity, formLabel: m.formLabel, copies: m.copies, deferDays: m.deferDays, note: m.note })),
    [g],
  );
  const guideKey = g ? `${g.id}@${g.version}` : '';
  const list: Checklist = checks && checks.for === guideKey ? checks.list : initialChecklist(materials);
  const setList = (next: Checklist) => {
    setChecks({ for: guideKey, list: next });
    setProblems(null);
  };
  const live = useMemo(() => (g ? checklistProblems(materials, list) : []), [g, materials, list]);
  const flagged = useMemo(() => {
    if (!problems) return new Set<string>();
    return new Set(materials.filter((m) => problems.list.some((p) => p.includes(`「${m.name}」`))).map((m) => m.key));
  }, [problems, materials]);

  const onPick = (h: SearchHit) => {
    setHit(h);
    setProblems(null);
    // Straight on to the applicant.
    setTimeout(() => document.getElementById('bm-case-applicant_applicant_name')?.focus(), 0);
  };

  const reset = useCallback(() => {
    setHit(null);
    setChecks(null);
    setProblems(null);
    setDone(null);
    setModal(null);
    idemKey.current = null;
    form.resetFields();
    setTimeout(() => picker.current?.focus(), 0);
  }, [form]);

  const applicantOk = async (): Promise<ApplicantValues['applicant'] | null> => {
    try {
      return (await form.validateFields()).applicant;
    } catch {
      void message.warning('请先填写完整、正确的申请人信息');
      return null;
    }
  };

  /** One submission of the form; the Idempotency-Key survives retries until it succeeds or the clerk starts over. */
  const submit = async (action: Action, extra: { corrections?: CaseCorrectionItem[]; rejection?: RejectValues }, applicant: ApplicantValues['applicant']) => {
    if (!hit) return;
    idemKey.current ??= newIdempotencyKey();
    setBusy(action);
    try {
      const detail = await api.post<CaseDetail>(
        '/cases',
        { itemId: hit.id, channel, applicant: applicantBody(applicant), materials: checksOf(materials, list), action, ...extra },
        { headers: { 'Idempotency-Key': idemKey.current } },
      );
      idemKey.current = null;
      setModal(null);
      setProblems(null);
      setDone({ action, detail });
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        const items = problemList(e.details);
        setProblems({ title: e.message, list: items.length > 1 ? items : [] });
        if (modal) throw e;
        return;
      }
      if (e instanceof ApiError && e.status === 0) {
        // The request may or may not have arrived: the same key makes a retry safe.
        void message.error('网络异常，请重试；重试不会重复受理');
        if (modal) throw e;
        return;
      }
      if (modal) throw e;
      showError(e, form);
    } finally {
      setBusy(null);
    }
  };

  const accept = async () => {
    if (!g || busy) return;
    const applicant = await applicantOk();
    if (!applicant) return;
    if (live.length) {
      setProblems({ title: '材料不齐，不能受理：可出具一次性告知书，或对容缺后补材料选择「容缺」', list: live });
      return;
    }
    await submit('accept', {}, applicant);
  };

  const openCorrect = async () => {
    if (!g) return;
    if (!(await applicantOk())) return;
    setCorrections(correctionsFor(materials, list));
    setModal('correct');
  };
  const openReject = async () => {
    if (!g) return;
    if (!(await applicantOk())) return;
    setModal('reject');
  };

  // Ctrl+Enter = 受理, from anywhere on the screen.
  const acceptRef = useRef(accept);
  useEffect(() => {
    acceptRef.current = accept;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && !done && !modal) {
        e.preventDefault();
        void acceptRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [done, modal]);

  useEffect(() => {
    if (done) nextBtn.current?.focus();
  }, [done]);

  const basis = (g?.content.legalBasis ?? []).map((b) => `${b.name}${b.article}`).slice(0, 3);

  return (
    <div className="bm-case-window">
      <PageHeader
        title="窗口受理"
        sub={`${place.name ? `${place.name} · ` : ''}查找事项 → 申请人 → 材料清单 → 受理 / 一次性告知 / 不予受理`}
        extra={
          <Link to="/workbench/cases">
            <Button icon={<InboxOutlined />}>办件待办</Button>
          </Link>
        }
      />
      {done ? (
        <DonePanel done={done} onNext={reset} nextRef={nextBtn} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Card size="small" title="① 办理事项" className="bm-case-card">
              <ItemPicker ref={picker} place={place} onPick={onPick} />
              {hit && (
                <div className="bm-case-item" data-testid="picked-item">
                  <div className="bm-case-item-head">
                    <span className="bm-case-item-name">{hit.name}</span>
                    <Tooltip title="换一个事项">
                      <Button
                        size="small"
                        type="text"
                        icon={<SwapOutlined />}
                        onClick={() => {
                          setHit(null);
                          picker.current?.focus();
                        }}
                        aria-label="更换事项"
                      />
                    </Tooltip>
                  </div>
                  {!g ? (
                    guide.error ? <Alert type="error" showIcon title={guide.error.message} /> : <Skeleton active paragraph={{ rows: 1 }} title={false} />
                  ) : (
                    <>
                      <Space wrap size={[6, 6]}>
                        <Tag color="blue">{g.content.handlingType === 'instant' ? '即办件' : `承诺 ${g.content.promisedDays} 个工作日`}</Tag>
                        {g.content.legalDays !== null && <Tag>法定 {g.content.legalDays} 个工作日</Tag>}
                        <Tag color="green">{g.labels.visits}</Tag>
                        <Tag>{g.labels.levels}</Tag>
                        {g.content.specialProcedures.map((p) => (
                          <Tag key={p.kind} color="default">
                            特别程序 {p.days} 天（不计时）
                          </Tag>
                        ))}
                      </Space>
                      <div className="bm-case-item-meta">
                        {g.center.name} · {g.department.name}
                        <a href={`/portal/items/${g.id}`} target="_blank" rel="noreferrer" style={{ marginLeft: 8 }}>
                          <FileTextOutlined /> 办事指南
                        </a>
                      </div>
                    </>
                  )}
                </div>
              )}
            </Card>
            <Card size="small" title="② 申请人" className="bm-case-card" style={{ marginTop: 16 }}>
              <Form<ApplicantValues>
                form={form}
                name="bm-case-applicant"
                layout="vertical"
                requiredMark
                initialValues={{ applicant: { kind: 'person' } }}
                validateTrigger={['onChange', 'onBlur']}
                onValuesChange={() => setProblems(null)}
              >
                <ApplicantFields form={form} />
              </Form>
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card
              size="small"
              title="③ 材料清单"
              className="bm-case-card"
              extra={
                g && materials.length > 0 ? (
                  <Button
                    size="small"
                    icon={<CheckOutlined />}
                    onClick={() => setList(Object.fromEntries(materials.map((m) => [m.key, { status: list[m.key]?.status === 'received' ? 'received' : m.necessity === 'optional' ? list[m.key]?.status ?? 'not_needed' : 'received', pages: list[m.key]?.pages ?? null }])))}
                  >
                    全部已收
                  </Button>
                ) : null
              }
            >
              {!hit ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="先在左侧查找事项，材料清单按事项的现行版本列出" />
              ) : !g ? (
                <Skeleton active />
              ) : materials.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该事项无需提交材料" />
              ) : (
                <MaterialChecklist materials={materials} value={list} onChange={setList} flagged={flagged} />
              )}
              {g && live.length > 0 && !problems && (
                <div className="bm-case-live" aria-live="polite">
                  尚缺 {live.length} 项：{live.map((p) => p.replace(/，.*$/, '').replace(/：.*$/, '')).join('；')}
                </div>
              )}
            </Card>
            {problems && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 12 }}
                title={problems.title}
                description={
                  problems.list.length ? (
                    <ul className="bm-case-problems">
                      {problems.list.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  ) : undefined
                }
                role="alert"
                data-testid="case-problems"
              />
            )}
            <div className="bm-case-actions">
              <Tooltip title="Ctrl + Enter">
                <Button type="primary" size="large" icon={<CheckOutlined />} disabled={!g} loading={busy === 'accept'} onClick={() => void accept()}>
                  受理
                </Button>
              </Tooltip>
              <Button size="large" icon={<FileTextOutlined />} disabled={!g} loading={busy === 'correct'} onClick={() => void openCorrect()}>
                一次性告知
              </Button>
              <Button size="large" danger icon={<CloseCircleOutlined />} disabled={!g} loading={busy === 'reject'} onClick={() => void openReject()}>
                不予受理
              </Button>
              <Button size="large" type="text" onClick={reset}>
                清空
              </Button>
            </div>
          </Col>
        </Row>
      )}
      <CorrectionModal
        open={modal === 'correct'}
        initial={corrections}
        onCancel={() => setModal(null)}
        onSubmit={async (items) => {
          const a = await applicantOk();
          if (a) await submit('correct', { corrections: items }, a);
        }}
      />
      <RejectModal
        open={modal === 'reject'}
        basis={basis}
        onCancel={() => setModal(null)}
        onSubmit={async (v) => {
          const a = await applicantOk();
          if (a) await submit('reject', { rejection: v }, a);
        }}
      />
    </div>
  );
}

/** After the decision: the case number big, the notice to print, and 下一位. */
function DonePanel({ done, onNext, nextRef }: { done: { action: Action; detail: CaseDetail }; onNext: () => void; nextRef: React.RefObject<HTMLButtonElement | null> }) {
  const { message } = App.useApp();
  const d = done.detail;
  const t = DONE_TEXT[done.action];
  const deferred = d.materials.filter((m) => m.status === 'deferred');
  const notices = d.notices.includes(t.notice) ? [t.notice, ...d.notices.filter((n) => n !== t.notice)] : d.notices;
  return (
    <Card className="bm-case-done">
      <Result status={t.status} title={t.title} subTitle={`${d.itemName} · 申请人 ${d.applicantName}`} style={{ paddingBottom: 8 }} />
      <div className="bm-case-done-body">
        <div className="bm-case-no-label">办件编号</div>
        <div className="bm-case-no-big" data-testid="case-no">
          {d.caseNo}
        </div>
        <Button
          type="link"
          size="small"
          icon={<CopyOutlined />}
          onClick={() => {
            void navigator.clipboard?.writeText(d.caseNo).then(() => message.success('已复制办件编号'));
          }}
        >
          复制编号
        </Button>
        <div style={{ marginTop: 8 }}>
          <Space wrap style={{ justifyContent: 'center' }}>
            <StatusTag status={d.status} />
            {d.deadline.dueDate && (
              <Tag color="blue">
                承诺 {d.deadline.promisedDays} 个工作日，{d.deadline.dueDate} 前办结
              </Tag>
            )}
            <DeadlineTag deadline={d.deadline} />
          </Space>
        </div>
        {deferred.length > 0 && (
          <Alert
            style={{ marginTop: 16, textAlign: 'left' }}
            type="warning"
            showIcon
            title="容缺受理，申请人已书面承诺后补："
            description={deferred.map((m) => `「${m.name}」${m.deferredDue ? ` ${m.deferredDue} 前补交` : ''}`).join('；')}
          />
        )}
        {done.action === 'correct' && d.corrections && (
          <Alert style={{ marginTop: 16, textAlign: 'left' }} type="info" showIcon title={`需补正 ${d.corrections.length} 项：${d.corrections.map((c) => c.name).join('、')}`} />
        )}
        <Space wrap className="bm-case-done-actions">
          {notices.map((n, i) => (
            <Button key={n} type={i === 0 ? 'primary' : 'default'} size="large" icon={<PrinterOutlined />} href={noticeUrl(d.id, n)} target="_blank" rel="noreferrer">
              打印{NOTICE_LABELS[n] ?? n}
            </Button>
          ))}
          <Link to={`/workbench/cases/${d.id}`}>
            <Button size="large">查看办件</Button>
          </Link>
          <Button ref={nextRef} size="large" type="primary" ghost icon={<RightOutlined />} onClick={onNext}>
            下一位
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {CASE_STATUSES[d.status].label}：申请人可凭办件编号和姓名（或证件号后 4 位）在「网上办事大厅 → 办件查询」查看进度。
        </Typography.Paragraph>
      </div>
    </Card>
  );
}
