import { CheckCircleOutlined, DeleteOutlined, FilePdfOutlined, PaperClipOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Radio, Select, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { CHANNELS, DELIVERY_METHODS, TRANSITIONS } from '../../../../../src/modules/cases/cases.rules';
import { api, ApiError } from '../../../shared/api';
import { fmtDateTime } from '../../../shared/format';
import { useLoad } from '../../../shared/hooks';
import { NotFoundPage } from '../../../shared/NotFound';
import { FormModal } from '../../../shared/FormModal';
import { fileSize, shrinkImage } from '../../../shared/photo';
import { usePageTitle } from '../../../shared/title';
import type { CaseDetail } from '../../../shared/types';
import { FilePick } from '../apply/FilePick';
import { FileThumb } from '../apply/MaterialCard';
import { LoadFailed } from '../LoadFailed';
import { RequireLogin } from '../RequireLogin';
import { CaseStatusTag, CaseTimeline, deadlineText } from './caseText';
import '../apply/apply.css';
import './track.css';

const NOTICE_NAMES: Record<string, string> = {
  acceptance: '受理通知书',
  correction: '一次性告知书',
  rejection: '不予受理通知书',
  decision: '决定书',
  delivery: '送达回证',
};
const MAX_BYTES = 10 * 1024 * 1024;
const ENDED = ['rejected', 'returned', 'withdrawn'];

const caseFile = (c: CaseDetail, fileId: string) => `/api/cases/${c.id}/files/${fileId}`;

interface Picked {
  uid: string;
  /** Index of the correction item it answers. */
  item: number;
  file: File;
}

/**
 * The one-time notice (一次性告知) to answer: each item with what is wrong and what to bring, photos
 * or files against it, one note; everything goes in one request against the same case.
 */
function CorrectionAnswer({ c, onDone }: { c: CaseDetail; onDone: (next: CaseDetail) => void }) {
  const items = c.corrections ?? [];
  const byName = (name: string) => c.materials.find((m) => m.name === name || name.includes(m.name) || m.name.includes(name))?.key;
  const [keys, setKeys] = useState<(string | undefined)[]>(() => items.map((i) => byName(i.name)));
  const [picked, setPicked] = useState<Picked[]>([]);
  const [shrinking, setShrinking] = useState(0);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = async (item: number, files: File[]) => {
    setError(null);
    setShrinking((n) => n + files.length);
    for (const raw of files) {
      const file = await shrinkImage(raw);
      setShrinking((n) => n - 1);
      if (file.size > MAX_BYTES) {
        setError(`「${raw.name}」超过 10 MB，请拍照或压缩后再上传`);
        continue;
      }
      setPicked((p) => [...p, { uid: `${Date.now()}-${Math.random().toString(36).slice(2)}`, item, file }]);
    }
  };

  const submit = async () => {
    const unmapped = picked.find((p) => !keys[p.item]);
    if (unmapped) {
      setError(`请为「${items[unmapped.item].name}」选择对应的材料`);
      return;
    }
    if (picked.length === 0 && !note.trim()) {
      setError('请上传补正材料，或写明补正情况');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const fd = new FormData();
      fd.append('data', JSON.stringify({ version: c.version, note: note.trim() }));
      for (const p of picked) fd.append(`material:${keys[p.item]}`, p.file, p.file.name);
      const next = await api.post<CaseDetail>(`/cases/${c.id}/corrections`, fd);
      onDone(next);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="一次性告知：请补正材料" size="small" className="bm-case-notice" data-testid="case-correction">
      <div className="bm-muted" style={{ marginBottom: 10 }}>
        工作人员已一次性告知需要补正的全部内容。按要求拍照或上传后提交，办件会回到窗口重新审查，不用再跑腿。
      </div>
      {items.map((it, i) => {
        const mine = picked.filter((p) => p.item === i);
        return (
          <div key={i} className="bm-case-correction" data-testid="correction-item">
            <div style={{ fontWeight: 600 }}>
              {i + 1}. {it.name}
            </div>
            <div className="bm-muted">问题：{it.problem}</div>
            <div className="bm-muted">要求：{it.requirement}</div>
            {!byName(it.name) && (
              <Select
                size="small"
                style={{ width: '100%', marginTop: 6 }}
                placeholder="这份补正对应哪项材料"
                value={keys[i]}
                onChange={(v) => setKeys((k) => k.map((x, j) => (j === i ? v : x)))}
                options={c.materials.map((m) => ({ value: m.key, label: m.name }))}
              />
            )}
            {mine.map((p) => (
              <div key={p.uid} className="bm-apply-progress" style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                <PaperClipOutlined />
                <span className="bm-apply-progress-name" style={{ flex: 1 }}>
                  {p.file.name}（{fileSize(p.file.size)}）
                </span>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`移除 ${p.file.name}`} onClick={() => setPicked((x) => x.filter((y) => y.uid !== p.uid))} />
              </div>
            ))}
            <FilePick onFiles={(fs) => void add(i, fs)} disabled={busy} label={it.name} />
          </div>
        );
      })}
      <Input.TextArea
        style={{ marginTop: 10 }}
        rows={2}
        maxLength={1000}
        placeholder="补正说明（选填），如：已重新拍摄户口簿本人页"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        aria-label="补正说明"
      />
      {shrinking > 0 && <div className="bm-muted">正在压缩照片…</div>}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} role="alert" />}
      <Button type="primary" block size="large" icon={<SendOutlined />} loading={busy} disabled={shrinking > 0} style={{ marginTop: 10 }} onClick={() => void submit()} data-testid="correction-submit">
        提交补正材料{picked.length ? `（${picked.length} 个文件）` : ''}
      </Button>
    </Card>
  );
}

function DeliveryChoice({ c, onSaved }: { c: CaseDetail; onSaved: (next: CaseDetail) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ method: keyof typeof DELIVERY_METHODS; address?: string }>();
  const method = Form.useWatch('method', form);
  const [busy, setBusy] = useState(false);
  const open = c.abilities.includes('supply') && !c.deliveredAt && !ENDED.includes(c.status);
  const current = c.deliveryPreference;
  const methods = (Object.keys(DELIVERY_METHODS) as (keyof typeof DELIVERY_METHODS)[]).filter((m) => m !== 'agent' || c.agentName);

  const save = async (v: { method: keyof typeof DELIVERY_METHODS; address?: string }) => {
    setBusy(true);
    try {
      const next = await api.put<CaseDetail>(`/cases/${c.id}/delivery-preference`, { version: c.version, method: v.method, address: v.method === 'post' ? v.address : undefined });
      onSaved(next);
      void message.success(`送达方式已改为“${DELIVERY_METHODS[v.method]}”`);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '保存失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="办理结果送达" size="small">
      <div style={{ marginBottom: open ? 8 : 0 }} data-testid="case-delivery">
        {c.deliveredAt
          ? `已于 ${fmtDateTime(c.deliveredAt).slice(0, 16)} ${c.deliveryMethod ? DELIVERY_METHODS[c.deliveryMethod] : '送达'}`
          : current
            ? `您选择：${DELIVERY_METHODS[current.method]}${current.address ? `（${current.address}）` : ''}`
            : '尚未选择送达方式（默认窗口领取）'}
      </div>
      {open && (
        <Form form={form} layout="vertical" initialValues={{ method: current?.method ?? 'window', address: current?.address ?? '' }} onFinish={save} requiredMark={false}>
          <Form.Item name="method" style={{ marginBottom: 8 }}>
            <Radio.Group optionType="button" buttonStyle="solid" options={methods.map((m) => ({ value: m, label: DELIVERY_METHODS[m] }))} />
          </Form.Item>
          {method === 'post' && (
            <Form.Item name="address" label="收件地址" rules={[{ required: true, whitespace: true, message: '邮寄送达请填写收件地址' }]}>
              <Input.TextArea rows={2} maxLength={200} />
            </Form.Item>
          )}
          <Button htmlType="submit" loading={busy} size="small" disabled={method === (current?.method ?? 'window') && method !== 'post'}>
            保存送达方式
          </Button>
        </Form>
      )}
    </Card>
  );
}

function CaseView({ initial, reload }: { initial: CaseDetail; reload: () => void }) {
  const { message } = App.useApp();
  const [c, setC] = useState(initial);
  const [answered, setAnswered] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const dl = deadlineText(c.status, c.deadline);
  const canWithdraw = c.abilities.includes('withdraw') && 'withdraw' in TRANSITIONS[c.status];
  const files = c.materials.flatMap((m) => m.files.map((f) => ({ ...f, material: m.name })));

  return (
    <div className="bm-portal-page bm-track">
      <Card data-testid="case-head">
        <div className="bm-track-head">
          <div className="bm-track-item">{c.itemName}</div>
          <CaseStatusTag status={c.status} decision={c.decision} />
        </div>
        {dl && <div className="bm-track-deadline">{dl}</div>}
        <Descriptions
          size="small"
          column={1}
          styles={{ label: { width: 76 } }}
          items={[
            { key: 'no', label: '办件编号', children: <span className="bm-track-no">{c.caseNo}</span> },
            { key: 'center', label: '受理地点', children: c.centerName },
            ...(c.handlingCenterName !== c.centerName ? [{ key: 'handling', label: '办理单位', children: c.handlingCenterName }] : []),
            { key: 'channel', label: '申请方式', children: `${CHANNELS[c.channel]}${c.agentName ? `（代办员 ${c.agentName}）` : ''}` },
            { key: 'at', label: '申请时间', children: fmtDateTime(c.receivedAt).slice(0, 16) },
            ...(c.deadline.dueDate ? [{ key: 'due', label: '承诺办结', children: `${c.deadline.dueDate}${c.deadline.remaining !== null ? `（剩 ${c.deadline.remaining} 个工作日）` : ''}` }] : []),
          ]}
        />
      </Card>

      {answered && c.status === 'received' && (
        <Alert type="success" showIcon icon={<CheckCircleOutlined />} title="补正材料已提交" description="办件已回到窗口，工作人员将重新审查，结果会通知您。" data-testid="correction-done" />
      )}
      {c.status === 'correcting' && c.abilities.includes('supply') && (
        <CorrectionAnswer
          c={c}
          onDone={(next) => {
            setC(next);
            setAnswered(true);
            window.scrollTo({ top: 0, behavior: 'smooth' });
          }}
        />
      )}
      {c.status === 'rejected' && c.rejection && (
        <Alert type="error" showIcon title="不予受理" description={`理由：${c.rejection.reasons.join('；')}。依据：${c.rejection.legalBasis.join('；')}`} />
      )}
      {c.status === 'concluded' && (
        <Card title="办理结果" size="small">
          <div>{c.decision === 'approve' ? <Tag color="green">准予</Tag> : <Tag color="red">不予</Tag>}</div>
          {c.decisionText && <div style={{ marginTop: 6 }}>{c.decisionText}</div>}
          {c.resultNo && <div className="bm-muted">证照编号：{c.resultNo}</div>}
          {c.resultFileId && (
            <a href={caseFile(c, c.resultFileId)} target="_blank" rel="noreferrer" style={{ display: 'inline-block', marginTop: 8 }} data-testid="case-result-file">
              <FilePdfOutlined /> 下载办理结果
            </a>
          )}
        </Card>
      )}

      {c.notices.length > 0 && (
        <Card title="文书下载" size="small">
          <div className="bm-case-docs">
            {c.notices.map((k) => (
              <a key={k} href={`/api/cases/${c.id}/notices/${k}.pdf`} target="_blank" rel="noreferrer" data-testid="case-notice">
                <FilePdfOutlined /> {NOTICE_NAMES[k] ?? k}
              </a>
            ))}
          </div>
        </Card>
      )}

      <DeliveryChoice c={c} onSaved={setC} />

      <Card title="已交材料" size="small">
        {c.materials.map((m) => (
          <div key={m.key} style={{ padding: '6px 0', borderBottom: '1px solid #f5f5f5' }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <span style={{ overflowWrap: 'anywhere' }}>{m.name}</span>
              <span className="bm-muted" style={{ flex: 'none' }}>
                {m.files.length ? `${m.files.length} 个文件` : '—'}
              </span>
            </div>
            {m.files.length > 0 && (
              <div className="bm-apply-files">
                {m.files.map((f) => (
                  <div key={f.id} className="bm-apply-file">
                    <FileThumb href={caseFile(c, f.id)} mime={f.mime} name={f.name} />
                    <div className="bm-apply-file-name" title={f.name}>
                      {f.source === 'correction' ? '补正 · ' : ''}
                      {f.name}
                    </div>
                  </div>
                ))}
              </div>
            )}
          </div>
        ))}
        {files.length === 0 && <div className="bm-muted">材料在窗口核验，未留存电子件。</div>}
      </Card>

      <Card title="办理进度" size="small">
        <CaseTimeline status={c.status} timeline={c.timeline} />
      </Card>

      {canWithdraw && (
        <Card size="small">
          <Button block danger icon={<RollbackOutlined />} onClick={() => setWithdrawing(true)}>
            撤回申请
          </Button>
        </Card>
      )}
      <FormModal<{ reason: string }>
        open={withdrawing}
        title="撤回申请"
        okText="确认撤回"
        width={400}
        onCancel={() => setWithdrawing(false)}
        onSubmit={async (v) => {
          try {
            const next = await api.post<CaseDetail>(`/cases/${c.id}/withdraw`, { version: c.version, reason: v.reason });
            setC(next);
            setWithdrawing(false);
            void message.success('申请已撤回');
          } catch (e) {
            if (e instanceof ApiError && e.status === 409) {
              setWithdrawing(false);
              void message.warning(e.message);
              reload();
              return;
            }
            throw e;
          }
        }}
      >
        <div className="bm-muted" style={{ marginBottom: 8 }}>
          撤回后办件终止办理，如需办理须重新申请。
        </div>
        <Form.Item name="reason" label="撤回原因" rules={[{ required: true, whitespace: true, message: '请填写撤回原因' }]}>
          <Input.TextArea rows={3} maxLength={300} />
        </Form.Item>
      </FormModal>

      <div style={{ textAlign: 'center' }}>
        <Link to="/portal/me/cases">返回我的办件</Link>
      </div>
    </div>
  );
}

function CaseDetailContent() {
  const { id = '' } = useParams();
  const r = useLoad((signal) => api.get<CaseDetail>(`/cases/${encodeURIComponent(id)}`, undefined, { signal }), [id]);
  usePageTitle(r.data ? `${r.data.itemName} - 我的办件` : '办件详情 - 网上办事大厅');
  if (r.error && (r.error.status === 404 || r.error.status === 400 || r.error.status === 403)) {
    return <NotFoundPage home="/portal/me/cases" title="未找到该办件" subTitle="办件不存在，或不是您本人的办件。" />;
  }
  if (r.error) {
    return (
      <div className="bm-portal-page">
        <LoadFailed title="办件加载失败" error={r.error} onRetry={r.reload} />
      </div>
    );
  }
  if (!r.data || r.loading) {
    return (
      <div className="bm-portal-page bm-track">
        <Card>
          <Skeleton active paragraph={{ rows: 5 }} />
        </Card>
      </div>
    );
  }
  return <CaseView key={`${r.data.id}-${r.data.version}`} initial={r.data} reload={r.reload} />;
}

/** 我的办件 · 详情: status, remaining days, notices to answer and download, delivery, withdraw. */
export default function CaseDetailPage() {
  return (
    <RequireLogin>
      <CaseDetailContent />
    </RequireLogin>
  );
}
