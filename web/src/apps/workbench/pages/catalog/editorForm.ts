/**
 * The item editor's form values and their mapping to and from the API's ItemContentInput: fees are
 * edited in yuan and sent in fen; the delegation is a switch plus two fields. Server error paths
 * (content.materials.2.deferDays) map to form fields and to the tab that holds them.
 */
import type { ItemContent, ItemContentInput } from '../../../../shared/types';
import { ELEMENT_LABELS } from './catalogLabels';

type Input = Required<ItemContentInput>;

export interface FeeValues {
  name: string;
  amountYuan: number | null;
  basis: string;
}

export type EditorValues = Omit<Input, 'fees' | 'delegation'> & {
  fees: FeeValues[];
  delegationOn: boolean;
  delegationKind?: NonNullable<Input['delegation']>['kind'];
  delegationDocument?: string;
};

export function toForm(c: ItemContent | ItemContentInput): EditorValues {
  const { fees = [], delegation = null, ...rest } = c as Input & Partial<ItemContent>;
  const { name: _n, itemType: _t, legalBasis: _l, ...content } = rest as Input & Partial<ItemContent>;
  return {
    ...(content as Omit<Input, 'fees' | 'delegation'>),
    aliases: content.aliases ?? [],
    topics: content.topics ?? [],
    jointDepartmentIds: content.jointDepartmentIds ?? [],
    specialProcedures: content.specialProcedures ?? [],
    conditions: content.conditions ?? [],
    faq: content.faq ?? [],
    materials: content.materials ?? [],
    steps: content.steps ?? [],
    preReviewLevel: content.preReviewLevel ?? null,
    fees: fees.map((f) => ({ name: f.name, basis: f.basis, amountYuan: f.amountFen / 100 })),
    delegationOn: !!delegation,
    delegationKind: delegation?.kind,
    delegationDocument: delegation?.document ?? '',
  };
}

const trim = (s: string | null | undefined): string => (s ?? '').trim();

export function fromForm(v: EditorValues): ItemContentInput {
  const { fees, delegationOn, delegationKind, delegationDocument, ...rest } = v;
  return {
    ...rest,
    aliases: (rest.aliases ?? []).map(trim).filter(Boolean),
    conditions: (rest.conditions ?? []).map(trim).filter(Boolean),
    faq: (rest.faq ?? []).map((f) => ({ q: trim(f?.q), a: trim(f?.a) })).filter((f) => f.q || f.a),
    legalDays: rest.legalDays ?? null,
    preReviewLevel: rest.preReviewLevel ?? null,
    place: trim(rest.place),
    hours: trim(rest.hours),
    phone: trim(rest.phone),
    complaintPhone: trim(rest.complaintPhone),
    specialProcedures: (rest.specialProcedures ?? []).map((p) => ({ ...p, note: trim(p.note) })),
    materials: (rest.materials ?? []).map((m) => ({
      ...m,
      name: trim(m.name),
      issuer: trim(m.issuer),
      note: trim(m.note),
      certificateType: trim(m.certificateType) || null,
      deferDays: m.necessity === 'deferrable' ? (m.deferDays ?? null) : null,
      blankFileId: m.blankFileId ?? null,
      sampleFileId: m.sampleFileId ?? null,
    })),
    steps: (rest.steps ?? []).map((s) => ({ ...s, name: trim(s.name), note: trim(s.note), departmentId: s.departmentId ?? null, parallel: !!s.parallel })),
    fees: (fees ?? []).map((f) => ({ name: trim(f.name), basis: trim(f.basis), amountFen: Math.round((f.amountYuan ?? 0) * 100) })),
    delegation: delegationOn ? { kind: delegationKind ?? 'entrust', document: trim(delegationDocument) } : null,
  };
}

// ---------------------------------------------------------------------------------------------------
// Tabs and error paths

export type TabKey = 'basic' | 'levels' | 'time' | 'place' | 'conditions' | 'materials' | 'steps' | 'versions';

export const TAB_LABELS: Record<TabKey, string> = {
  basic: '基本信息',
  levels: '办理层级与类型',
  time: '时限与收费',
  place: '办理地点',
  conditions: '受理条件与常见问题',
  materials: '申请材料',
  steps: '办理流程',
  versions: '版本记录',
};

const FIELD_TAB: Record<string, TabKey> = {
  name: 'basic',
  itemType: 'basic',
  legalBasis: 'basic',
  aliases: 'basic',
  topics: 'basic',
  audience: 'basic',
  acceptLevels: 'levels',
  preReviewLevel: 'levels',
  decideLevel: 'levels',
  delegation: 'levels',
  delegationOn: 'levels',
  delegationKind: 'levels',
  delegationDocument: 'levels',
  handlingType: 'levels',
  processKind: 'levels',
  jointDepartmentIds: 'levels',
  legalDays: 'time',
  promisedDays: 'time',
  specialProcedures: 'time',
  fees: 'time',
  place: 'place',
  hours: 'place',
  phone: 'place',
  complaintPhone: 'place',
  maxVisits: 'place',
  onlineLevel: 'place',
  agentEligible: 'place',
  conditions: 'conditions',
  faq: 'conditions',
  materials: 'materials',
  steps: 'steps',
};

export interface EditorError {
  /** Form field name, when the error belongs to one field. */
  name: (string | number)[] | null;
  /** The whole list's name for list-level errors (materials, steps …). */
  listName: string | null;
  tab: TabKey;
  label: string;
  message: string;
}

/** The server's dotted path (optionally prefixed with `content.`) as an editor error. */
export function editorError(rawPath: string, message: string, values?: Partial<EditorValues>): EditorError {
  const path = rawPath.replace(/^content\./, '').replace(/^body\.content\./, '');
  const parts = path.split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const head = String(parts[0] ?? '');
  const tab = FIELD_TAB[head] ?? 'basic';
  let name: (string | number)[] | null = parts.length ? parts : null;
  let listName: string | null = null;
  let label = ELEMENT_LABELS[head] ?? (head || '事项');

  const idx = typeof parts[1] === 'number' ? parts[1] : null;
  const field = parts[2] as string | undefined;
  if (head === 'delegation') name = [parts[1] === 'document' ? 'delegationDocument' : parts[1] === 'kind' ? 'delegationKind' : 'delegationOn'];
  else if (head === 'jointDepartmentIds') name = ['jointDepartmentIds'];
  else if (['materials', 'steps', 'fees', 'specialProcedures', 'faq', 'conditions', 'legalBasis'].includes(head)) {
    if (idx === null) {
      name = null;
      listName = head;
    } else {
      const rowName = head === 'materials' ? values?.materials?.[idx]?.name : head === 'steps' ? values?.steps?.[idx]?.name : head === 'fees' ? values?.fees?.[idx]?.name : undefined;
      const what = head === 'materials' ? '材料' : head === 'steps' ? '环节' : head === 'fees' ? '收费' : head === 'specialProcedures' ? '特别程序' : head === 'faq' ? '问题' : '条';
      label = `${ELEMENT_LABELS[head] ?? head} 第${idx + 1}${what === '条' ? '条' : `项${what}`}${rowName ? `「${rowName}」` : ''}`;
      if (field) {
        label += ` · ${ELEMENT_LABELS[field] ?? (field === 'amountFen' ? '金额' : field === 'q' ? '问题' : field === 'a' ? '解答' : field)}`;
        if (field === 'key') name = [head, idx, 'name'];
        else if (field === 'amountFen') name = [head, idx, 'amountYuan'];
        else name = [head, idx, field];
      } else if (head === 'conditions') name = [head, idx];
      else name = null;
      if (head === 'legalBasis') name = null;
    }
  } else if (head === '') {
    name = null;
  }
  return { name, listName, tab, label, message };
}
