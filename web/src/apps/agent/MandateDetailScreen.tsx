import { CarOutlined, FileImageOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Input, Skeleton, Tag } from 'antd';
import useApp from 'antd/es/app/useApp';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { DELIVERY_METHODS } from '../../../../src/modules/cases/cases.rules';
import { api, ApiError, request } from '../../shared/api';
import { fmtRelative } from '../../shared/format';
import type { CaseDetail } from '../../shared/types';
import { ConfirmCapture, type Confirmation } from './ConfirmCapture';
import { useAgent } from './context';
import { agencyApi, useCached } from './data';
import { PhotoPicker } from './PhotoPicker';
import { handoverStatement, materialField, timelinessText } from './rules';
import { cacheKeys, type PhotoRef } from './store';
import { useEngine } from './sync';
import type { MandateDetail } from './types';

const FILE_KINDS: Record<string, string> = { consent: '委托书', material: '材料', confirmation: '领取确认' };
const CLOSED = ['rejected', 'returned', 'withdrawn'];

function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : '操作失败，请稍后再试';
}

/** One matter: status, the 3-day rule, the case timeline, and what the agent does next. */
export function MandateDetailScreen() {
  const { id = '' } = useParams();
  const { profile } = useAgent();
  const { online } = useEngine();
  const [tick, setTick] = useState(0);
  const mandate = useCached(cacheKeys.mandate(profile.userId, id), (signal) => agencyApi.mandate(id, signal), [online, tick]);
  const m = mandate.value;
  const caseId = m?.case?.id ?? null;
  const kase = useCached(caseId ? cacheKeys.case(profile.userId, caseId) : null, (signal) => agencyApi.caseDetail(caseId!, signal), [online, tick]);
  const refresh = () => setTick((t) => t + 1);

  if (!m) {
    if (mandate.loading) return <Skeleton active className="bm-agent-page" paragraph={{ rows: 8 }} />;
    return (
      <div className="bm-agent-page">
        <section className="bm-agent-card">
          <Empty description={mandate.error?.code === 'OFFLINE' ? '离线，本机没有保存这件代办的详情' : (mandate.error?.message ?? '代办事项不存在')} />
        </section>
      </div>
    );
  }

  const t = timelinessText(m.timeliness);
  const c = kase.value;
  const can = (a: string) => m.abilities.includes(a);

  return (
    <div className="bm-agent-page">
      {mandate.fromCache && (
        <div className="bm-agent-muted bm-agent-count">
          {online ? '正在刷新…' : '离线'} · 显示的是本机 {fmtRelative(mandate.savedAt)} 保存的内容
        </div>
      )}
      <section className="bm-agent-card" data-testid="mandate-detail">
        <div className="bm-agent-entry-head">
          <span className="bm-agent-strong bm-agent-big-text">{m.itemName}</span>
          <Tag color={m.status === 'handed_over' ? 'green' : m.status === 'registered' ? 'orange' : 'blue'}>{m.statusLabel}</Tag>
        </div>
        <dl className="bm-agent-summary">
          <dt>群众</dt>
          <dd>
            {m.villagerName}
            <div className="bm-agent-muted">
              {m.villagerIdMasked ?? ''} {m.villagerPhoneMasked ? `· ${m.villagerPhoneMasked}` : ''}
            </div>
          </dd>
          <dt>收件</dt>
          <dd>{m.timeliness.collectedOn}</dd>
          {m.status !== 'cancelled' && (
            <>
              <dt>送达乡镇</dt>
              <dd className={`bm-agent-due ${t.tone}`}>
                {m.timeliness.late && <Tag color="red">超期</Tag>}
                {t.text}
              </dd>
            </>
          )}
          {m.case && (
            <>
              <dt>办件</dt>
              <dd>
                {m.case.caseNo}
                <div>
                  <Tag color={m.case.status === 'correcting' ? 'gold' : m.case.status === 'concluded' ? 'green' : 'blue'}>{m.case.statusLabel}</Tag>
                  {m.case.deadline.dueDate && m.case.deadline.remaining !== null && !['concluded', ...CLOSED].includes(m.case.status) && (
                    <span className="bm-agent-muted">
                      {m.case.deadline.remaining < 0 ? `已超过承诺期限 ${m.case.deadline.dueDate}` : `预计 ${m.case.deadline.dueDate} 前办结`}
                    </span>
                  )}
                </div>
              </dd>
            </>
          )}
          {m.notes && (
            <>
              <dt>备注</dt>
              <dd>{m.notes}</dd>
            </>
          )}
        </dl>
      </section>

      {m.status === 'registered' && <RegisteredPanel mandate={m} online={online} onDone={refresh} />}

      {can('answer') && c && <CorrectionPanel mandate={m} kase={c} online={online} onDone={refresh} />}
      {can('answer') && !c && (
        <Alert type="warning" showIcon className="bm-agent-alert" title="镇/县发出了一次性告知，需要补正材料" description={online ? '正在读取告知内容…' : '补正需要联网，请联网后打开本页。'} />
      )}

      {can('delivery') && m.case && <DeliveryPanel mandate={m} kase={c} online={online} onDone={refresh} />}

      {can('handover') && <HandoverPanel mandate={m} agentName={profile.displayName} online={online} onDone={refresh} />}

      {m.handover && (
        <section className="bm-agent-card">
          <h3 className="bm-agent-h3">结果已移交</h3>
          <div>
            领取人：{m.handover.receiver}（{m.handover.method === 'signature' ? '手写签名确认' : '拍照确认'}）
          </div>
          {m.handedOverAt && <div className="bm-agent-muted">{dayjs(m.handedOverAt).format('YYYY-MM-DD HH:mm')}</div>}
          {m.handover.note && <div className="bm-agent-muted">{m.handover.note}</div>}
        </section>
      )}

      {c && c.timeline.length > 0 && (
        <section className="bm-agent-card">
          <h3 className="bm-agent-h3">办理进度</h3>
          <ol className="bm-agent-timeline">
            {[...c.timeline].reverse().map((e, i) => (
              <li key={i}>
                <div>{e.label}</div>
                {e.note && <div className="bm-agent-muted">{e.note}</div>}
                <div className="bm-agent-muted">{dayjs(e.at).format('YYYY-MM-DD HH:mm')}</div>
              </li>
            ))}
          </ol>
        </section>
      )}

      <section className="bm-agent-card">
        <h3 className="bm-agent-h3">委托与材料</h3>
        <div className="bm-agent-statement small">{m.consent.statement}</div>
        <div className="bm-agent-muted">
          {m.consent.method === 'signature' ? '手写签名' : '拍照留存'} · {dayjs(m.consent.signedAt).format('YYYY-MM-DD HH:mm')}
        </div>
        <ul className="bm-agent-files">
          {m.files.map((f) => (
            <li key={f.id}>
              <FileImageOutlined />{' '}
              {online ? (
                <a href={`/api/agency/mandates/${m.id}/files/${f.id}`} target="_blank" rel="noreferrer">
                  {FILE_KINDS[f.kind]} · {f.name}
                </a>
              ) : (
                <span>
                  {FILE_KINDS[f.kind]} · {f.name}
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/**
 * Registered on the server but not submitted (the sync answered with submitError, e.g. the guide
 * changed while the agent was offline): submit again — against the newest guide version if the
 * item list on the phone has one — or cancel it with a reason.
 */
function RegisteredPanel({ mandate, online, onDone }: { mandate: MandateDetail; online: boolean; onDone: () => void }) {
  const { items } = useAgent();
  const { message, modal } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = items.value?.items.find((i) => i.id === mandate.itemId);
  const newer = current && current.version !== mandate.itemVersion ? current : null;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/agency/mandates/${mandate.id}/submit`, { version: mandate.version, ...(newer ? { itemVersion: newer.version } : {}) });
      message.success('已提交到镇/县');
      onDone();
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError && e.code === 'CASE_ITEM_VERSION_CHANGED') items.reload();
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    let reason = '';
    modal.confirm({
      title: '取消这件代办？',
      content: <Input.TextArea autoFocus maxLength={300} placeholder="取消原因（必填），如：群众已自行到镇里办理" onChange={(e) => (reason = e.target.value)} aria-label="取消原因" />,
      okText: '确认取消',
      okButtonProps: { danger: true },
      cancelText: '返回',
      onOk: async () => {
        if (!reason.trim()) {
          message.warning('请填写取消原因');
          throw new Error('reason required');
        }
        try {
          await api.post(`/agency/mandates/${mandate.id}/cancel`, { version: mandate.version, reason: reason.trim() });
          message.success('已取消');
          onDone();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  };

  return (
    <section className="bm-agent-card bm-agent-action-card" data-testid="registered-panel">
      <h3 className="bm-agent-h3">已登记，尚未提交到镇/县</h3>
      {newer ? (
        <p className="bm-agent-hint">
          「{newer.name}」的办事指南已更新为第 {newer.version} 版（登记时为第 {mandate.itemVersion} 版）。请核对材料是否齐全，再按新版提交；材料不全时镇/县会一次性告知补正。
        </p>
      ) : (
        <p className="bm-agent-hint">登记已保存在镇/县系统，但还没有生成办件。可以重新提交，或取消这件代办。</p>
      )}
      {error && <Alert type="error" showIcon title={error} className="bm-agent-alert" />}
      {!online && <div className="bm-agent-warn-text">提交需要联网。</div>}
      {mandate.abilities.includes('submit') && (
        <Button type="primary" size="large" block icon={<SendOutlined />} loading={busy} disabled={!online} onClick={() => void submit()}>
          {newer ? `按第 ${newer.version} 版提交` : '重新提交'}
        </Button>
      )}
      {mandate.abilities.includes('cancel') && (
        <Button size="large" block danger disabled={!online || busy} onClick={cancel} style={{ marginTop: 8 }}>
          取消这件代办
        </Button>
      )}
    </section>
  );
}

function CorrectionPanel({ mandate, kase, online, onDone }: { mandate: MandateDetail; kase: CaseDetail; online: boolean; onDone: () => void }) {
  const { message } = useApp();
  const [photos, setPhotos] = useState<Record<string, PhotoRef[]>>({});
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const corrections = useMemo(() => kase.corrections ?? mandate.corrections ?? [], [kase.corrections, mandate.corrections]);
  // The materials the notice names (or that are missing) first, then the rest.
  const materials = useMemo(() => {
    const named = new Set(corrections.map((x) => x.name));
    const score = (m: CaseDetail['materials'][number]) => (named.has(m.name) ? 0 : m.status === 'missing' ? 1 : 2);
    return [...kase.materials].sort((a, b) => score(a) - score(b));
  }, [kase.materials, corrections]);
  const count = Object.values(photos).reduce((n, l) => n + l.length, 0);

  const send = async () => {
    setSending(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('data', JSON.stringify({ version: kase.version, note: note.trim() }));
      for (const [key, list] of Object.entries(photos)) for (const p of list) form.append(materialField(key), p.blob, p.name);
      await request('POST', `/cases/${kase.id}/corrections`, { body: form });
      message.success('补正材料已提交，等待镇/县重新受理');
      setPhotos({});
      setNote('');
      onDone();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? '办件已被更新，请刷新后重试' : errorText(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="bm-agent-card bm-agent-action-card" data-testid="correction-panel">
      <h3 className="bm-agent-h3">答复一次性告知</h3>
      <ol className="bm-agent-corrections">
        {corrections.map((x, i) => (
          <li key={i}>
            <div className="bm-agent-strong">{x.name}</div>
            <div>问题：{x.problem}</div>
            <div>要求：{x.requirement}</div>
          </li>
        ))}
      </ol>
      {materials.map((mat) => (
        <div key={mat.key} className="bm-agent-material">
          <div className="bm-agent-material-head">
            <span>{mat.name}</span>
            {mat.status === 'missing' && <Tag color="red">缺</Tag>}
          </div>
          <PhotoPicker
            photos={photos[mat.key] ?? []}
            canAdd={count < 30}
            buttonText="拍照补正"
            onAdd={(added) => setPhotos((p) => ({ ...p, [mat.key]: [...(p[mat.key] ?? []), ...added] }))}
            onRemove={(pid) => setPhotos((p) => ({ ...p, [mat.key]: (p[mat.key] ?? []).filter((x) => x.id !== pid) }))}
          />
        </div>
      ))}
      <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} placeholder="补正说明（选填）" aria-label="补正说明" />
      {error && <Alert type="error" showIcon title={error} className="bm-agent-alert" />}
      {!online && <div className="bm-agent-warn-text">补正需要联网：请联网后提交。</div>}
      <Button type="primary" size="large" block icon={<SendOutlined />} loading={sending} disabled={!online || (count === 0 && !note.trim())} onClick={() => void send()}>
        提交补正材料（{count} 张）
      </Button>
    </section>
  );
}

function DeliveryPanel({ mandate, kase, online, onDone }: { mandate: MandateDetail; kase: CaseDetail | undefined; online: boolean; onDone: () => void }) {
  const { message } = useApp();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pref = kase?.deliveryPreference ?? mandate.deliveryPreference;
  const chosen = pref?.method === 'agent';
  const caseRef = mandate.case!;

  const choose = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.put(`/cases/${caseRef.id}/delivery-preference`, { version: kase?.version ?? caseRef.version, method: 'agent' });
      message.success('已选择代办员转交');
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="bm-agent-card" data-testid="delivery-panel">
      <h3 className="bm-agent-h3">结果送达方式</h3>
      <div>{pref ? DELIVERY_METHODS[pref.method] : '尚未选择'}</div>
      {!chosen && (
        <>
          <p className="bm-agent-hint">选择「代办员转交」后，镇/县办结时把结果交给您，由您带回村里交给群众。</p>
          {error && <Alert type="error" showIcon title={error} className="bm-agent-alert" />}
          {!online && <div className="bm-agent-warn-text">选择送达方式需要联网。</div>}
          <Button size="large" block icon={<CarOutlined />} loading={saving} disabled={!online} onClick={() => void choose()}>
            选择「代办员转交」
          </Button>
        </>
      )}
    </section>
  );
}

function HandoverPanel({ mandate, agentName, online, onDone }: { mandate: MandateDetail; agentName: string; online: boolean; onDone: () => void }) {
  const { message } = useApp();
  const [receiver, setReceiver] = useState(mandate.villagerName);
  const [note, setNote] = useState('');
  const [confirmation, setConfirmation] = useState<(Confirmation & { statement: string }) | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const statement = handoverStatement({ receiver, agentName, itemName: mandate.itemName, caseNo: mandate.case?.caseNo ?? null });
  const valid = confirmation && confirmation.statement === statement ? confirmation : null;

  const send = async () => {
    if (!valid) return;
    setSaving(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('data', JSON.stringify({ version: mandate.version, method: valid.method, receiver: receiver.trim(), note: note.trim() }));
      form.append('confirmation', valid.file, valid.fileName);
      await request('POST', `/agency/mandates/${mandate.id}/handover`, { body: form });
      message.success('结果已移交，群众确认已保存');
      onDone();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? '代办记录已被更新，请刷新后重试' : errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="bm-agent-card bm-agent-action-card" data-testid="handover-panel">
      <h3 className="bm-agent-h3">移交结果</h3>
      <p className="bm-agent-hint">把办理结果交给群众，请领取人当面签名确认（或拍下签字的纸质回执）。</p>
      <label className="bm-agent-label" htmlFor="handover-receiver">
        领取人
      </label>
      <Input id="handover-receiver" size="large" value={receiver} maxLength={50} onChange={(e) => setReceiver(e.target.value)} status={receiver.trim() ? undefined : 'error'} />
      {!receiver.trim() && <div className="bm-agent-danger">请填写领取人</div>}
      <div className="bm-agent-statement small">{statement}</div>
      {confirmation && !valid && <Alert type="warning" showIcon title="领取人已修改，请重新签名" className="bm-agent-alert" />}
      <ConfirmCapture
        title="结果领取确认"
        statement={statement}
        footer={[`代办员：${agentName}`]}
        value={valid}
        onChange={(c) => setConfirmation(c ? { ...c, statement } : null)}
        fileStem="领取确认"
      />
      <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} placeholder="备注（选填）" aria-label="移交备注" style={{ marginTop: 12 }} />
      {error && <Alert type="error" showIcon title={error} className="bm-agent-alert" />}
      {!online && <div className="bm-agent-warn-text">移交结果需要联网：可以先签名，联网后再提交。</div>}
      <Button type="primary" size="large" block loading={saving} disabled={!online || !valid || !receiver.trim()} onClick={() => void send()} style={{ marginTop: 12 }}>
        确认移交
      </Button>
    </section>
  );
}
