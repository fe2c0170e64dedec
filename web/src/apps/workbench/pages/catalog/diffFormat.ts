/**
 * How a diff entry's before / after values read: enum keys as their Chinese labels, days with units,
 * fees in yuan, departments and files by name, whole materials and steps as one line each.
 */
import type { CatalogMaterial, CatalogStep } from '../../../../shared/types';
import {
  AUDIENCES,
  DELEGATION_KINDS,
  HANDLING_TYPES,
  ITEM_LEVEL_LABELS,
  ITEM_TYPES,
  MATERIAL_FORMS,
  MATERIAL_SOURCES,
  NECESSITIES,
  ONLINE_LEVELS,
  PROCESS_KINDS,
  SPECIAL_PROCEDURES,
  fenToYuan,
  topicName,
  visitsLabel,
} from './catalogLabels';

export interface DiffContext {
  deptName: (id: string) => string;
  /** Material and step names by key (both versions), for the order entries. */
  keyName: (key: string) => string;
}

const EMPTY = '（无）';
const lab = (table: Record<string, string>, v: unknown) => (typeof v === 'string' ? (table[v] ?? v) : String(v));
const levels = (v: unknown) => (Array.isArray(v) ? v.map((l) => ITEM_LEVEL_LABELS[l as keyof typeof ITEM_LEVEL_LABELS] ?? String(l)).join('、') : lab(ITEM_LEVEL_LABELS, v));
const daysText = (v: unknown) => (v === null || v === undefined ? '无规定' : `${String(v)} 个工作日`);

function material(m: CatalogMaterial): string {
  const parts = [
    lab(MATERIAL_SOURCES, m.source) + (m.issuer ? `（${m.issuer}）` : ''),
    lab(MATERIAL_FORMS, m.form),
    `${m.copies} 份`,
    lab(NECESSITIES, m.necessity) + (m.necessity === 'deferrable' && m.deferDays ? `，${m.deferDays} 个工作日内补交` : ''),
  ];
  if (m.certificateType) parts.push(`可用电子证照：${m.certificateType}`);
  if (m.blankFileId) parts.push('有空白表格');
  if (m.sampleFileId) parts.push('有示例样表');
  if (m.note) parts.push(`备注：${m.note}`);
  return `${m.name}：${parts.join('；')}`;
}

function step(s: CatalogStep, ctx: DiffContext): string {
  return `${s.name}：${s.departmentId ? ctx.deptName(s.departmentId) : '实施部门'}，${lab(ITEM_LEVEL_LABELS, s.level)}，${s.days} 个工作日${s.parallel ? '，并联' : ''}${s.note ? `；${s.note}` : ''}`;
}

/** The field a path ends in: `materials[m1].copies` → copies; `promisedDays` → promisedDays. */
function fieldOf(path: string): { group: string; field: string | null } {
  const m = /^(\w+)(?:\[[^\]]+\])?(?:\.(\w+))?$/.exec(path);
  if (!m) return { group: path, field: null };
  return { group: m[1], field: m[2] ?? null };
}

export function formatDiffValue(path: string, v: unknown, ctx: DiffContext): string {
  if (v === null || v === undefined || v === '') {
    if (path === 'legalDays') return '无规定';
    return EMPTY;
  }
  const { group, field } = fieldOf(path);
  if (group === 'materials' || group === 'steps') {
    if (field === 'order') return Array.isArray(v) ? v.map((k, i) => `${i + 1}. ${ctx.keyName(String(k))}`).join('\n') : String(v);
    if (!field) return group === 'materials' ? material(v as CatalogMaterial) : step(v as CatalogStep, ctx);
    switch (field) {
      case 'source':
        return lab(MATERIAL_SOURCES, v);
      case 'form':
        return lab(MATERIAL_FORMS, v);
      case 'necessity':
        return lab(NECESSITIES, v);
      case 'copies':
        return `${String(v)} 份`;
      case 'deferDays':
      case 'days':
        return daysText(v);
      case 'blankFileId':
      case 'sampleFileId':
        return '已上传文件';
      case 'departmentId':
        return ctx.deptName(String(v));
      case 'level':
        return levels(v);
      case 'parallel':
        return v ? '并联' : '不并联';
      default:
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  }
  switch (group) {
    case 'itemType':
      return lab(ITEM_TYPES, v);
    case 'audience':
      return lab(AUDIENCES, v);
    case 'acceptLevels':
    case 'preReviewLevel':
    case 'decideLevel':
      return levels(v);
    case 'handlingType':
      return lab(HANDLING_TYPES, v);
    case 'processKind':
      return lab(PROCESS_KINDS, v);
    case 'onlineLevel':
      return lab(ONLINE_LEVELS, v);
    case 'legalDays':
    case 'promisedDays':
      return daysText(v);
    case 'maxVisits':
      return visitsLabel(Number(v));
    case 'agentEligible':
      return v ? '可村代办' : '不可代办';
    case 'topics':
      return Array.isArray(v) ? v.map((t) => topicName(String(t))).join('、') || EMPTY : String(v);
    case 'aliases':
    case 'conditions':
      return Array.isArray(v) ? (v.length ? v.map((x, i) => (group === 'conditions' ? `${i + 1}. ${String(x)}` : String(x))).join(group === 'conditions' ? '\n' : '、') : EMPTY) : String(v);
    case 'jointDepartmentIds':
      return Array.isArray(v) ? v.map((id) => ctx.deptName(String(id))).join('、') || EMPTY : String(v);
    case 'delegation': {
      const d = v as { kind: string; document: string };
      return `${lab(DELEGATION_KINDS, d.kind)}：${d.document}`;
    }
    case 'fees':
      return Array.isArray(v)
        ? v.length
          ? (v as { name: string; amountFen: number; basis: string }[]).map((f) => `${f.name} ${fenToYuan(f.amountFen)} 元（依据：${f.basis}）`).join('\n')
          : '不收费'
        : String(v);
    case 'specialProcedures':
      return Array.isArray(v)
        ? v.length
          ? (v as { kind: string; days: number; note: string }[]).map((p) => `${lab(SPECIAL_PROCEDURES, p.kind)} ${p.days} 个工作日${p.note ? `（${p.note}）` : ''}`).join('\n')
          : EMPTY
        : String(v);
    case 'faq':
      return Array.isArray(v) ? (v as { q: string; a: string }[]).map((f, i) => `${i + 1}. 问：${f.q}\n   答：${f.a}`).join('\n') || EMPTY : String(v);
    case 'legalBasis':
      return Array.isArray(v) ? (v as { name: string; article: string }[]).map((b) => `${b.name}${b.article ? ` ${b.article}` : ''}`).join('\n') || EMPTY : String(v);
    default:
      if (typeof v === 'boolean') return v ? '是' : '否';
      if (typeof v === 'object') return JSON.stringify(v);
      return String(v);
  }
}

export const DIFF_KIND_LABELS: Record<string, { text: string; color: string }> = {
  added: { text: '新增', color: 'green' },
  removed: { text: '删除', color: 'red' },
  changed: { text: '修改', color: 'blue' },
};
