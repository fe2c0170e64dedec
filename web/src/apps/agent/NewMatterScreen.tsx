import { CheckCircleFilled, CheckOutlined, SearchOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Input, Spin, Tag } from 'antd';
import useApp from 'antd/es/app/useApp';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { MATERIAL_FORMS } from '../../../../src/modules/catalog/catalog.rules';
import { ConfirmCapture } from './ConfirmCapture';
import { useAgent } from './context';
import { PhotoPicker } from './PhotoPicker';
import { consentStatement, matchItem, MAX_MATERIAL_PHOTOS, missingRequired, villagerErrors, type VillagerField } from './rules';
import { agentDb, clearDraft, loadDraft, photoCount, queueMatter, saveDraft, type Draft, type OutboxEntry, type VillagerFields } from './store';
import { engine } from './sync';
import type { AgencyItem, AgencyMaterial } from './types';

const STEPS = ['事项', '群众', '委托', '材料', '提交'];
const STEP_TITLES = ['选择代办事项', '登记群众信息', '委托确认', '拍照收集材料', '备注与提交'];
const EMPTY_VILLAGER: VillagerFields = { name: '', idNumber: '', phone: '', address: '' };

const NECESSITY_COLORS: Record<string, string> = { required: 'red', deferrable: 'orange', optional: 'default' };

function freshDraft(ownerId: string): Draft {
  const now = new Date().toISOString();
  return {
    ownerId,
    clientId: crypto.randomUUID(),
    step: 0,
    item: null,
    materials: [],
    villager: { ...EMPTY_VILLAGER },
    consent: null,
    photos: {},
    notes: '',
    editing: false,
    collectedAt: null,
    createdAt: now,
    savedAt: now,
  };
}

/** A matter the server refused, back into the wizard under the same clientId (same mandate on the server). */
function draftFromEntry(e: OutboxEntry, items: AgencyItem[] | undefined): { draft: Draft; notice: string | null } {
  const current = items?.find((i) => i.id === e.item.id);
  let notice: string | null = null;
  let materials: AgencyMaterial[] = Object.entries(e.materialNames).map(([key, name]) => ({ key, name, necessity: 'optional', necessityLabel: '', form: '', copies: 1, note: '' }));
  let item = e.item;
  if (current) {
    materials = current.materials;
    if (current.version !== e.item.version) {
      notice = `「${current.name}」的办事指南已更新为第 ${current.version} 版，请按新的材料清单核对照片后重新提交。`;
      item = { id: current.id, name: current.name, version: current.version, centerName: current.centerName };
    }
  }
  const now = new Date().toISOString();
  // The server saw this clientId with another villager or item: register it again under a new one.
  const reused = e.lastError?.code === 'AGENCY_CLIENT_ID_REUSED';
  return {
    draft: {
      ownerId: e.ownerId,
      clientId: reused ? crypto.randomUUID() : e.clientId,
      replaces: reused ? e.clientId : null,
      step: 1,
      item,
      materials,
      villager: e.villager,
      consent: e.consent,
      photos: e.photos,
      notes: e.notes,
      editing: true,
      collectedAt: e.collectedAt,
      createdAt: e.createdAt,
      savedAt: now,
    },
    notice,
  };
}

export function NewMatterScreen() {
  const { profile, items } = useAgent();
  const { message, modal } = useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const editId = params.get('edit');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<VillagerField, string>>>({});
  const top = useRef<HTMLDivElement>(null);

  // Load: the matter to fix (?edit=), else the draft in progress, else a new one.
  useEffect(() => {
    let alive = true;
    void (async () => {
      let d: Draft | undefined;
      if (editId) {
        const entry = await (await agentDb()).get('outbox', editId);
        if (entry && entry.ownerId === profile.userId) {
          const r = draftFromEntry(entry, items.value?.items);
          d = r.draft;
          if (alive) setNotice(r.notice ?? (entry.lastError ? `镇/县未接收：${entry.lastError.message}` : null));
        }
      }
      d ??= await loadDraft(profile.userId).catch(() => undefined);
      if (alive) setDraft(d ?? freshDraft(profile.userId));
    })();
    return () => {
      alive = false;
    };
    // Items may arrive later; the edit is resolved against what is there when the screen opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editId, profile.userId]);

  // Keep the draft on the phone as it grows (a reload or a killed tab loses nothing) — but never
  // again once it went into the outbox (a late save would bring back a submitted matter as a draft).
  const queued = useRef(false);
  useEffect(() => {
    if (!draft || queued.current) return;
    const t = window.setTimeout(() => {
      if (!queued.current) void saveDraft({ ...draft, savedAt: new Date().toISOString() }).catch(() => undefined);
    }, 250);
    return () => window.clearTimeout(t);
  }, [draft]);

  const update = useCallback((patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d)), []);
  const go = (step: number) => {
    update({ step });
    top.current?.scrollIntoView({ block: 'start' });
    window.scrollTo(0, 0);
  };

  const village = items.value?.villageName ?? profile.roomName;
  const statement = draft?.item
    ? consentStatement({ villagerName: draft.villager.name, agentName: profile.displayName, villageName: village, itemName: draft.item.name })
    : '';
  const consent = draft?.consent && draft.consent.statement === statement ? draft.consent : null;
  const keys = useMemo(() => new Set(draft?.materials.map((m) => m.key) ?? []), [draft?.materials]);

  if (!draft) return <Spin className="bm-agent-spin" description="正在打开…" />;

  const abandon = () =>
    modal.confirm({
      title: draft.editing ? '放弃这次修改？' : '放弃这件登记？',
      content: draft.editing ? '待同步列表中的原登记保持不变。' : '已填写的信息、签名和照片将从本机删除。',
      okText: '放弃',
      okButtonProps: { danger: true },
      cancelText: '继续填写',
      onOk: async () => {
        await clearDraft(profile.userId);
        if (draft.editing) navigate('/agent/sync');
        else {
          setDraft(freshDraft(profile.userId));
          setNotice(null);
          setErrors({});
        }
      },
    });

  const pickItem = (item: AgencyItem) => {
    const apply = () => {
      const sameItem = draft.item?.id === item.id;
      update({
        item: { id: item.id, name: item.name, version: item.version, centerName: item.centerName },
        materials: item.materials,
        photos: sameItem ? draft.photos : {},
        step: 1,
      });
      window.scrollTo(0, 0);
    };
    if (draft.item && draft.item.id !== item.id && photoCount(draft) > 0) {
      modal.confirm({ title: '更换事项？', content: '已拍的材料照片将被清除（它们属于原来的事项）。', okText: '更换', cancelText: '不换', onOk: apply });
    } else apply();
  };

  const nextFromVillager = () => {
    const v = draft.villager;
    const errs = villagerErrors(v);
    setErrors(errs);
    if (Object.keys(errs).length > 0) {
      document.getElementById(`villager-${Object.keys(errs)[0]}`)?.focus();
      return;
    }
    update({ villager: { name: v.name.trim(), idNumber: v.idNumber.trim().toUpperCase(), phone: v.phone.trim(), address: v.address.trim() }, step: 2 });
    window.scrollTo(0, 0);
  };

  const nextFromMaterials = () => {
    const missing = missingRequired(draft.materials, draft.photos);
    if (missing.length === 0) return go(4);
    modal.confirm({
      title: '还有必要材料没有拍照',
      content: `${missing.join('、')}。可以先提交，镇/县窗口审核时可能一次性告知补正。`,
      okText: '仍然继续',
      cancelText: '回去拍照',
      onOk: () => go(4),
    });
  };

  const submit = async () => {
    if (!draft.item || !consent) return;
    setSubmitting(true);
    try {
      const now = new Date().toISOString();
      const photos = Object.fromEntries(Object.entries(draft.photos).filter(([k, l]) => keys.has(k) && l.length > 0));
      const entry: OutboxEntry = {
        clientId: draft.clientId,
        ownerId: profile.userId,
        createdAt: draft.createdAt,
        item: draft.item,
        villager: draft.villager,
        consent,
        photos,
        materialNames: Object.fromEntries(draft.materials.map((m) => [m.key, m.name])),
        notes: draft.notes.trim(),
        collectedAt: draft.collectedAt ?? now,
        state: 'waiting',
        attempts: 0,
        nextTryAt: 0,
        lastError: null,
        updatedAt: now,
      };
      // Saved on the phone first, always; the upload comes after.
      queued.current = true;
      try {
        await queueMatter(entry, draft.replaces);
      } catch (e) {
        queued.current = false;
        throw e;
      }
      await engine.reload();
      void engine.syncNow({ force: true });
      message.success(navigator.onLine ? '已保存，正在提交到镇/县' : '已保存在本机，联网后自动提交');
      navigate('/agent/sync', { replace: true, state: { just: entry.clientId } });
    } catch (e) {
      message.error(`保存失败：${(e as Error).message || '本机存储不可用'}`);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="bm-agent-page bm-agent-wizard" ref={top}>
      <div className="bm-agent-card bm-agent-steps">
        <ol className="bm-agent-stepper" aria-label="登记步骤">
          {STEPS.map((t, i) => (
            <li key={t} className={i < draft.step ? 'done' : i === draft.step ? 'current' : undefined} aria-current={i === draft.step ? 'step' : undefined}>
              <span className="bm-agent-stepper-dot">{i < draft.step ? <CheckOutlined /> : i + 1}</span>
              <span>{t}</span>
            </li>
          ))}
        </ol>
        <div className="bm-agent-step-title">
          <span>
            第 {draft.step + 1} 步 / 共 5 步：{STEP_TITLES[draft.step]}
          </span>
          <Button type="link" size="small" danger onClick={abandon}>
            {draft.editing ? '放弃修改' : '放弃'}
          </Button>
        </div>
      </div>
      {notice && <Alert type="warning" showIcon title={notice} className="bm-agent-alert" closable onClose={() => setNotice(null)} />}

      {draft.step === 0 && <ItemStep selected={draft.item?.id ?? null} onPick={pickItem} />}

      {draft.step === 1 && (
        <VillagerForm
          value={draft.villager}
          errors={errors}
          onChange={(villager, field) => {
            update({ villager });
            // A corrected field loses its message as soon as it is right.
            if (errors[field] && !villagerErrors(villager)[field]) setErrors((e) => ({ ...e, [field]: undefined }));
          }}
          onBlur={(field) => {
            const msg = villagerErrors(draft.villager)[field];
            if (draft.villager[field].trim() || msg) setErrors((e) => ({ ...e, [field]: draft.villager[field].trim() ? msg : e[field] }));
          }}
        />
      )}

      {draft.step === 2 && draft.item && (
        <section className="bm-agent-card">
          <div className="bm-agent-statement" data-testid="consent-statement">
            {statement}
          </div>
          {draft.consent && !consent && <Alert type="warning" showIcon title="群众姓名或事项已修改，请重新签名" className="bm-agent-alert" />}
          <ConfirmCapture
            title="代办委托书"
            statement={statement}
            footer={[`代办员：${profile.displayName}`, `办理事项：${draft.item.name}`]}
            value={consent}
            onChange={(c) => update({ consent: c ? { ...c, statement } : null })}
            fileStem="代办委托书"
          />
        </section>
      )}

      {draft.step === 3 && (
        <MaterialsStep
          materials={draft.materials}
          photos={draft.photos}
          onChange={(photos) => update({ photos })}
          orphanKeys={Object.keys(draft.photos).filter((k) => !keys.has(k) && draft.photos[k].length > 0)}
        />
      )}

      {draft.step === 4 && draft.item && (
        <section className="bm-agent-card">
          <dl className="bm-agent-summary">
            <dt>代办事项</dt>
            <dd>
              {draft.item.name}
              <div className="bm-agent-muted">{draft.item.centerName}</div>
            </dd>
            <dt>群众</dt>
            <dd>
              {draft.villager.name} · {draft.villager.idNumber.replace(/^(.{6}).{8}(.{4})$/, '$1********$2')}
              <div className="bm-agent-muted">{draft.villager.phone}{draft.villager.address ? ` · ${draft.villager.address}` : ''}</div>
            </dd>
            <dt>委托确认</dt>
            <dd>{consent ? (consent.method === 'signature' ? '已手写签名' : '已拍照留存纸质委托书') : <span className="bm-agent-danger">未签署</span>}</dd>
            <dt>材料照片</dt>
            <dd>
              {photoCount({ photos: Object.fromEntries(Object.entries(draft.photos).filter(([k]) => keys.has(k))) })} 张
              {missingRequired(draft.materials, draft.photos).length > 0 && (
                <div className="bm-agent-warn-text">未拍：{missingRequired(draft.materials, draft.photos).join('、')}</div>
              )}
            </dd>
          </dl>
          <label className="bm-agent-label" htmlFor="agent-notes">
            备注（选填）
          </label>
          <Input.TextArea
            id="agent-notes"
            value={draft.notes}
            onChange={(e) => update({ notes: e.target.value })}
            maxLength={1000}
            showCount
            autoSize={{ minRows: 3, maxRows: 6 }}
            placeholder="如：原件已核验；群众行动不便，结果请送到村里"
          />
          {!consent && <Alert type="error" showIcon title="请先完成第 3 步委托确认" className="bm-agent-alert" />}
          <p className="bm-agent-hint">提交时先保存在本机；有网络时立即提交到镇/县，没有网络时联网后自动提交。</p>
        </section>
      )}

      <div className="bm-agent-footer">
        {draft.step > 0 && (
          <Button size="large" onClick={() => go(draft.step - 1)}>
            上一步
          </Button>
        )}
        {draft.step === 0 && (
          <Button size="large" type="primary" disabled={!draft.item} onClick={() => go(1)}>
            下一步
          </Button>
        )}
        {draft.step === 1 && (
          <Button size="large" type="primary" onClick={nextFromVillager}>
            下一步
          </Button>
        )}
        {draft.step === 2 && (
          <Button size="large" type="primary" disabled={!consent} onClick={() => go(3)}>
            下一步
          </Button>
        )}
        {draft.step === 3 && (
          <Button size="large" type="primary" onClick={nextFromMaterials}>
            下一步
          </Button>
        )}
        {draft.step === 4 && (
          <Button size="large" type="primary" icon={<SendOutlined />} loading={submitting} disabled={!consent} onClick={() => void submit()}>
            提交到镇/县
          </Button>
        )}
      </div>
    </div>
  );
}

const FIELDS: { key: VillagerField; label: string; required: boolean; placeholder: string; maxLength: number; inputMode?: 'text' | 'tel' }[] = [
  { key: 'name', label: '群众姓名', required: true, placeholder: '与身份证一致', maxLength: 50 },
  { key: 'idNumber', label: '身份证号码', required: true, placeholder: '18 位身份证号码', maxLength: 18 },
  { key: 'phone', label: '手机号码', required: true, placeholder: '用于接收办理进度短信', maxLength: 11, inputMode: 'tel' },
  { key: 'address', label: '住址（选填）', required: false, placeholder: '如：青山村三组 12 号', maxLength: 200 },
];

/** 群众信息, checked on the phone (GB 11643 check digit included) with the message under each field. */
function VillagerForm({
  value,
  errors,
  onChange,
  onBlur,
}: {
  value: VillagerFields;
  errors: Partial<Record<VillagerField, string>>;
  onChange: (v: VillagerFields, field: VillagerField) => void;
  onBlur: (field: VillagerField) => void;
}) {
  const idOk = value.idNumber.trim().length === 18 && !villagerErrors(value).idNumber;
  return (
    <section className="bm-agent-card bm-agent-form">
      {FIELDS.map((f) => {
        const err = errors[f.key];
        const id = `villager-${f.key}`;
        return (
          <div key={f.key} className="bm-agent-field">
            <label htmlFor={id} className="bm-agent-label">
              {f.required && <span className="bm-agent-required" aria-hidden>*</span>}
              {f.label}
            </label>
            <Input
              id={id}
              size="large"
              autoComplete="off"
              value={value[f.key]}
              maxLength={f.maxLength}
              inputMode={f.inputMode}
              placeholder={f.placeholder}
              status={err ? 'error' : undefined}
              aria-invalid={!!err}
              aria-describedby={err ? `${id}-error` : undefined}
              style={f.key === 'idNumber' ? { textTransform: 'uppercase' } : undefined}
              onChange={(e) => onChange({ ...value, [f.key]: e.target.value }, f.key)}
              onBlur={() => onBlur(f.key)}
            />
            {err ? (
              <div id={`${id}-error`} className="bm-agent-field-error" role="alert">
                {err}
              </div>
            ) : f.key === 'idNumber' ? (
              <div className={idOk ? 'bm-agent-ok bm-agent-field-extra' : 'bm-agent-field-extra'}>{idOk ? <><CheckOutlined /> 身份证号码校验通过</> : '18 位，最后一位可能是 X'}</div>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}

function ItemStep({ selected, onPick }: { selected: string | null; onPick: (item: AgencyItem) => void }) {
  const { items } = useAgent();
  const [q, setQ] = useState('');
  const list = useMemo(() => (items.value?.items ?? []).filter((i) => matchItem(i, q)), [items.value, q]);

  if (!items.value) {
    if (items.loading) return <Spin className="bm-agent-spin" description="正在下载代办事项清单…" />;
    return (
      <section className="bm-agent-card">
        <Empty description={navigator.onLine ? (items.error?.message ?? '代办事项清单下载失败') : '代办事项清单尚未下载：请联网后打开本应用一次，之后离线也能登记'}>
          {navigator.onLine && <Button onClick={items.reload}>重新下载</Button>}
        </Empty>
      </section>
    );
  }
  return (
    <>
      <Input
        size="large"
        allowClear
        prefix={<SearchOutlined />}
        placeholder="搜索事项名称或部门"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className="bm-agent-search"
        aria-label="搜索代办事项"
      />
      <div className="bm-agent-muted bm-agent-count">
        共 {list.length} 项{items.value.villageName ? ` · ${items.value.villageName}代办事项清单` : ''}
      </div>
      {list.length === 0 && <Empty description="没有找到匹配的事项" />}
      <ul className="bm-agent-list" aria-label="代办事项">
        {list.map((i) => (
          <li key={i.id}>
            <button type="button" className={`bm-agent-item${selected === i.id ? ' selected' : ''}`} onClick={() => onPick(i)}>
              <span className="bm-agent-item-name">{i.name}</span>
              <span className="bm-agent-muted">
                {i.centerName} · {i.departmentName}
              </span>
              <span className="bm-agent-muted">
                {i.promisedDays > 0 ? `承诺 ${i.promisedDays} 个工作日` : '即办'} · 材料 {i.materials.length} 项{i.fee && i.fee !== '0' ? ` · ${i.fee}` : ''}
              </span>
              {selected === i.id && <CheckCircleFilled className="bm-agent-item-check" />}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function MaterialsStep({
  materials,
  photos,
  onChange,
  orphanKeys,
}: {
  materials: AgencyMaterial[];
  photos: Record<string, import('./store').PhotoRef[]>;
  onChange: (p: Record<string, import('./store').PhotoRef[]>) => void;
  orphanKeys: string[];
}) {
  const total = Object.values(photos).reduce((n, l) => n + l.length, 0);
  const full = total >= MAX_MATERIAL_PHOTOS;
  return (
    <>
      <div className="bm-agent-muted bm-agent-count">
        已拍 {total} 张{full ? `（一件最多 ${MAX_MATERIAL_PHOTOS} 张）` : ''} · 照片会自动压缩，适合村里的网络
      </div>
      {materials.length === 0 && (
        <section className="bm-agent-card">
          <Empty description="该事项没有需要收集的材料" />
        </section>
      )}
      {materials.map((m) => {
        const list = photos[m.key] ?? [];
        return (
          <section key={m.key} className="bm-agent-card bm-agent-material" data-testid={`material-${m.key}`}>
            <div className="bm-agent-material-head">
              <span className="bm-agent-strong">{m.name}</span>
              {list.length > 0 && <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="已拍照" />}
            </div>
            <div className="bm-agent-tags">
              {m.necessityLabel && <Tag color={NECESSITY_COLORS[m.necessity] ?? 'default'}>{m.necessityLabel}</Tag>}
              {m.form && <Tag>{MATERIAL_FORMS[m.form as keyof typeof MATERIAL_FORMS] ?? m.form}</Tag>}
              {m.copies > 1 && <Tag>{m.copies} 份</Tag>}
            </div>
            {m.note && <div className="bm-agent-muted">{m.note}</div>}
            <PhotoPicker
              photos={list}
              canAdd={!full}
              testId={`photo-input-${m.key}`}
              onAdd={(added) => onChange({ ...photos, [m.key]: [...list, ...added].slice(0, list.length + Math.max(0, MAX_MATERIAL_PHOTOS - total)) })}
              onRemove={(id) => onChange({ ...photos, [m.key]: list.filter((p) => p.id !== id) })}
            />
          </section>
        );
      })}
      {orphanKeys.length > 0 && (
        <section className="bm-agent-card">
          <Alert type="warning" showIcon title="以下照片对应的材料已不在新版材料清单中，提交时不会发送" className="bm-agent-alert" />
          {orphanKeys.map((k) => (
            <PhotoPicker key={k} photos={photos[k]} canAdd={false} onAdd={() => undefined} onRemove={(id) => onChange({ ...photos, [k]: photos[k].filter((p) => p.id !== id) })} />
          ))}
        </section>
      )}
    </>
  );
}
