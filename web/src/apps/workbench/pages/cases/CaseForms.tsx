import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Radio, Table, Tag, Tooltip, Typography } from 'antd';
import { FormModal } from '../../../../shared/FormModal';
import type { CaseCorrectionItem, CaseMaterialCheck } from '../../../../shared/types';
import { acceptanceProblems } from '../../../../../../src/modules/cases/cases.rules';
import type { Material } from '../../../../../../src/modules/catalog/catalog.rules';

/** A material of the checklist, from the item guide (window) or from the case (after 补正). */
export interface ChecklistMaterial {
  key: string;
  name: string;
  necessity: string;
  formLabel: string;
  copies: number;
  deferDays: number | null;
  note: string;
}

export type CheckStatus = CaseMaterialCheck['status'];
export type Checklist = Record<string, { status: CheckStatus; pages: number | null }>;

export const CHECK_LABELS: Record<CheckStatus, string> = { received: '已收', missing: '缺', deferred: '容缺', not_needed: '不需要' };
const NECESSITY_TAGS: Record<string, { text: string; color: string }> = {
  required: { text: '必要', color: 'red' },
  optional: { text: '非必要', color: 'default' },
  deferrable: { text: '容缺后补', color: 'orange' },
};

export const necessityTag = (n: string, deferDays?: number | null) => {
  const t = NECESSITY_TAGS[n] ?? { text: n, color: 'default' };
  return (
    <Tag color={t.color} style={{ marginInlineEnd: 0 }}>
      {t.text}
      {n === 'deferrable' && deferDays ? `·${deferDays}日内` : ''}
    </Tag>
  );
};

/** The starting checklist: nothing received yet; optional materials not needed. */
export function initialChecklist(materials: readonly ChecklistMaterial[]): Checklist {
  return Object.fromEntries(materials.map((m) => [m.key, { status: m.necessity === 'optional' ? 'not_needed' : 'missing', pages: null }]));
}

export const checksOf = (materials: readonly ChecklistMaterial[], list: Checklist): CaseMaterialCheck[] =>
  materials.map((m) => ({ key: m.key, status: list[m.key]?.status ?? 'missing', pages: list[m.key]?.status === 'received' ? (list[m.key]?.pages ?? null) : null }));

/** The same check the server makes before 受理 (cases.rules.ts), for a live hint under the list. */
export function checklistProblems(materials: readonly ChecklistMaterial[], list: Checklist): string[] {
  const mats = materials.map((m) => ({ key: m.key, name: m.name, necessity: m.necessity })) as unknown as Material[];
  return acceptanceProblems(mats, checksOf(materials, list)).map((p) => p.message);
}

/** Everything missing, as the rows of a one-time notice (一次性告知书), ready to edit. */
export function correctionsFor(materials: readonly ChecklistMaterial[], list: Checklist): CaseCorrectionItem[] {
  const rows = materials
    .filter((m) => (list[m.key]?.status ?? 'missing') === 'missing' && m.necessity !== 'optional')
    .map((m) => ({
      materialKey: m.key,
      name: m.name,
      problem: '未提供',
      requirement: `请提供${m.formLabel}${m.copies > 0 ? ` ${m.copies} 份` : ''}${m.note ? `（${m.note}）` : ''}`.slice(0, 300),
    }));
  return rows.length ? rows : [{ name: '', problem: '', requirement: '' }];
}

/** The material checklist: 已收 / 缺 / 容缺 (容缺后补 only) / 不需要, and pages for received ones. */
export function MaterialChecklist({
  materials,
  value,
  onChange,
  flagged,
}: {
  materials: readonly ChecklistMaterial[];
  value: Checklist;
  onChange: (next: Checklist) => void;
  /** Keys to show in red (a server or live problem). */
  flagged?: ReadonlySet<string>;
}) {
  const set = (key: string, patch: Partial<Checklist[string]>) => onChange({ ...value, [key]: { ...(value[key] ?? { status: 'missing', pages: null }), ...patch } });
  return (
    <Table<ChecklistMaterial>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={[...materials]}
      className="bm-case-checklist"
      rowClassName={(m) => (flagged?.has(m.key) ? 'bm-case-row-flagged' : '')}
      scroll={{ x: 600 }}
      columns={[
        { title: '序号', width: 52, render: (_, __, i) => i + 1 },
        {
          title: '材料名称',
          dataIndex: 'name',
          ellipsis: true,
          render: (name: string, m) => (
            <div style={{ minWidth: 0 }}>
              <div className="bm-case-mat-name">{name}</div>
              <Typography.Text type="secondary" className="bm-case-mat-note" title={m.note || undefined}>
                {m.formLabel}
                {m.copies > 0 ? ` ${m.copies} 份` : ''}
                {m.note ? ` · ${m.note}` : ''}
              </Typography.Text>
            </div>
          ),
        },
        { title: '要求', dataIndex: 'necessity', width: 110, render: (n: string, m) => necessityTag(n, m.deferDays) },
        {
          title: '收取情况',
          width: 230,
          render: (_, m) => {
            const options = (['received', 'missing', 'deferred', 'not_needed'] as const)
              .filter((s) => s !== 'deferred' || m.necessity === 'deferrable')
              .map((s) => ({ value: s, label: CHECK_LABELS[s] }));
            return (
              <Radio.Group
                size="small"
                optionType="button"
                buttonStyle="solid"
                value={value[m.key]?.status ?? 'missing'}
                onChange={(e) => set(m.key, { status: e.target.value as CheckStatus })}
                options={options}
                aria-label={`${m.name}收取情况`}
              />
            );
          },
        },
        {
          title: '页数',
          width: 90,
          render: (_, m) => (
            <InputNumber
              size="small"
              min={0}
              max={9999}
              precision={0}
              style={{ width: 72 }}
              disabled={value[m.key]?.status !== 'received'}
              value={value[m.key]?.pages ?? null}
              onChange={(v) => set(m.key, { pages: typeof v === 'number' ? v : null })}
              aria-label={`${m.name}页数`}
            />
          ),
        },
      ]}
    />
  );
}

/** A list of text lines (reasons, legal basis) edited as rows. */
function LineList({ name, label, placeholder, addText }: { name: string; label: string; placeholder: string; addText: string }) {
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, v?: string[]) => {
            if (!v || v.length === 0) throw new Error(`请至少填写一条${label}`);
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={label} required>
          {fields.map((f, i) => (
            <div key={f.key} className="bm-case-line">
              <Form.Item name={f.name} rules={[{ required: true, whitespace: true, message: `请填写${label}` }, { max: 300, message: '不能超过300个字' }]} style={{ flex: 1, marginBottom: 8 }}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={placeholder} aria-label={`${label}${i + 1}`} />
              </Form.Item>
              {fields.length > 1 && (
                <Tooltip title="删除">
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除${label}${i + 1}`} />
                </Tooltip>
              )}
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block>
            {addText}
          </Button>
          <Form.ErrorList errors={errors} />
        </Form.Item>
      )}
    </Form.List>
  );
}

/** 一次性告知书: every missing or wrong material in one go (name / problem / requirement). */
export function CorrectionModal({
  open,
  initial,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  initial: CaseCorrectionItem[];
  onCancel: () => void;
  onSubmit: (items: CaseCorrectionItem[]) => Promise<void>;
}) {
  return (
    <FormModal<{ corrections: CaseCorrectionItem[] }>
      open={open}
      title="出具一次性告知书"
      okText="出具告知书"
      width={820}
      initialValues={{ corrections: initial }}
      onCancel={onCancel}
      onSubmit={async (v) => onSubmit(v.corrections.map((c) => ({ ...c, name: c.name.trim(), problem: c.problem.trim(), requirement: c.requirement.trim() })))}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="一次性告知申请人需要补正的全部内容；补齐后可直接受理，不必重新收件。" />
      <Form.List name="corrections">
        {(fields, { add, remove }) => (
          <>
            <div className="bm-case-corr-head" aria-hidden>
              <span>材料或事项</span>
              <span>存在的问题</span>
              <span>补正要求</span>
              <span />
            </div>
            {fields.map((f, i) => (
              <div key={f.key} className="bm-case-corr-row">
                <Form.Item name={[f.name, 'materialKey']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写材料或事项' }]}>
                  <Input placeholder="材料或事项" aria-label={`第${i + 1}项材料或事项`} maxLength={200} />
                </Form.Item>
                <Form.Item name={[f.name, 'problem']} rules={[{ required: true, whitespace: true, message: '请填写存在的问题' }]}>
                  <Input placeholder="如：未提供、已过期、信息不一致" aria-label={`第${i + 1}项存在的问题`} maxLength={300} />
                </Form.Item>
                <Form.Item name={[f.name, 'requirement']} rules={[{ required: true, whitespace: true, message: '请填写补正要求' }]}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} placeholder="补正要求" aria-label={`第${i + 1}项补正要求`} maxLength={300} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(f.name)} aria-label={`删除第${i + 1}项`} />
              </div>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', problem: '', requirement: '' })} block>
              添加一项
            </Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

export interface RejectValues {
  reasons: string[];
  legalBasis: string[];
}

/** 不予受理: reasons and legal basis (不予受理通知书). */
export function RejectModal({ open, basis, onCancel, onSubmit }: { open: boolean; basis: string[]; onCancel: () => void; onSubmit: (v: RejectValues) => Promise<void> }) {
  return (
    <FormModal<RejectValues>
      open={open}
      title="不予受理"
      okText="不予受理"
      width={640}
      initialValues={{ reasons: [''], legalBasis: basis.length ? basis : [''] }}
      onCancel={onCancel}
      onSubmit={async (v) => onSubmit({ reasons: v.reasons.map((s) => s.trim()), legalBasis: v.legalBasis.map((s) => s.trim()) })}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="不予受理将出具《不予受理通知书》，须写明理由和法律依据，并告知申请人享有依法申请行政复议或者提起行政诉讼的权利。" />
      <LineList name="reasons" label="不予受理理由" placeholder="如：申请事项依法不属于本机关职权范围" addText="添加理由" />
      <LineList name="legalBasis" label="法律依据" placeholder="如：《中华人民共和国行政许可法》第三十二条第一款" addText="添加依据" />
    </FormModal>
  );
}

export { LineList };
