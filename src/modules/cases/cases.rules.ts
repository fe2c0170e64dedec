import type { ItemContent, ItemLevel, Material, Step } from '../catalog/catalog.rules.js';

/**
 * Pure rules of the case engine: states with the national status codes, the one transition table,
 * the case number, material checks at acceptance, review tasks from the item's steps, and the
 * derived deadline state. Table-tested in cases.rules.test.ts.
 */

// ---------------------------------------------------------------------------------------------------
// States (办件状态) and their national codes

export const CASE_STATUSES = {
  received: { code: '02', label: '收件' },
  accepted: { code: '05', label: '受理' },
  correcting: { code: '06', label: '补齐补正' },
  rejected: { code: '07', label: '不予受理' },
  suspended: { code: '11', label: '挂起' },
  concluded: { code: '10', label: '办结' },
  in_review: { code: '12', label: '在办' },
  returned: { code: '13', label: '退件' },
  withdrawn: { code: '99', label: '申请人撤回' },
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;
export const CASE_STATUS_KEYS = Object.keys(CASE_STATUSES) as [CaseStatus, ...CaseStatus[]];
export const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'accepted', 'correcting', 'in_review', 'suspended'];
/** States in which the promised time limit runs or is paused (after acceptance, before conclusion). */
export const CLOCK_STATUSES: readonly CaseStatus[] = ['accepted', 'in_review', 'suspended'];

export const CHANNELS = { window: '窗口', online: '网上申报', agent: '村代办', appointment: '预约', post: '邮寄' } as const;
export type Channel = keyof typeof CHANNELS;

export const DELIVERY_METHODS = { window: '窗口领取', post: '邮寄送达', electronic: '电子送达', agent: '代办员转交' } as const;
export type DeliveryMethod = keyof typeof DELIVERY_METHODS;

export const PAUSE_KINDS = { hearing: '听证', publicity: '公示', expert: '专家评审', inspection: '现场勘验', supplement: '补充材料' } as const;
export type PauseKind = keyof typeof PAUSE_KINDS;

export type CaseAction =
  | 'accept' // 受理
  | 'request_correction' // 一次性告知，补齐补正
  | 'resubmit' // the applicant answered the notice
  | 'reject' // 不予受理
  | 'start_review' // first review task claimed
  | 'suspend' // 挂起（特别程序）
  | 'resume'
  | 'decide' // 办结（准予 / 不予）
  | 'return' // 退件
  | 'withdraw'; // 申请人撤回

/** The one transition table. Anything not listed is refused with CASE_TRANSITION_NOT_ALLOWED. */
export const TRANSITIONS: Readonly<Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>>> = {
  received: { accept: 'accepted', request_correction: 'correcting', reject: 'rejected', withdraw: 'withdrawn' },
  // resubmit: the applicant (or their agent) answered the one-time notice; the window checks it again.
  correcting: { accept: 'accepted', request_correction: 'correcting', reject: 'rejected', withdraw: 'withdrawn', resubmit: 'received' },
  accepted: { start_review: 'in_review', suspend: 'suspended', decide: 'concluded', return: 'returned', withdraw: 'withdrawn' },
  in_review: { start_review: 'in_review', suspend: 'suspended', decide: 'concluded', return: 'returned', withdraw: 'withdrawn' },
  suspended: { resume: 'in_review', return: 'returned', withdraw: 'withdrawn' },
  concluded: {},
  rejected: {},
  returned: {},
  withdrawn: {},
};

export const ACTION_LABELS: Record<CaseAction, string> = {
  accept: '受理',
  request_correction: '出具一次性告知书',
  resubmit: '提交补正材料',
  reject: '不予受理',
  start_review: '开始审查',
  suspend: '挂起',
  resume: '恢复办理',
  decide: '作出决定',
  return: '退件',
  withdraw: '撤回申请',
};

export interface RuleViolation {
  code: string;
  message: string;
}

export function transition(from: CaseStatus, action: CaseAction): CaseStatus | RuleViolation {
  const to = TRANSITIONS[from][action];
  if (to) return to;
  return { code: 'CASE_TRANSITION_NOT_ALLOWED', message: `办件当前为「${CASE_STATUSES[from].label}」，不能${ACTION_LABELS[action]}` };
}

// ---------------------------------------------------------------------------------------------------
// Case number (办件编号)

/** implementation code (31) + yyyymmdd + 4-digit daily serial. */
export function caseNumber(implementationCode: string, day: string, serial: number): string {
  if (serial < 1 || serial > 9999) throw new Error('daily serial out of range 1..9999');
  return `${implementationCode}${day.replaceAll('-', '')}${String(serial).padStart(4, '0')}`;
}

export const caseNumberPrefix = (implementationCode: string, day: string): string => `${implementationCode}${day.replaceAll('-', '')}`;

// ---------------------------------------------------------------------------------------------------
// Materials at acceptance

export type MaterialState = 'received' | 'missing' | 'deferred' | 'supplied' | 'not_needed';

export interface MaterialCheck {
  key: string;
  /** What the clerk ticked. */
  status: 'received' | 'missing' | 'deferred' | 'not_needed';
  pages?: number | null;
  /** For deferred (容缺) materials: the working days promised, default the item's deferDays. */
  note?: string;
}

/**
 * Can the case be accepted with this checklist? Every 必要 material must be received; a 容缺后补 one
 * may be deferred (written promise, due date) or marked not needed (e.g. 残疾人证 when nobody in the
 * family is disabled); 非必要 ones may be missing. Returns every problem.
 */
export function acceptanceProblems(materials: readonly Material[], checks: readonly MaterialCheck[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  const byKey = new Map(checks.map((c) => [c.key, c]));
  for (const c of checks) {
    if (!materials.some((m) => m.key === c.key)) out.push({ code: 'CASE_UNKNOWN_MATERIAL', message: `材料「${c.key}」不在该事项的材料清单中` });
  }
  for (const m of materials) {
    const c = byKey.get(m.key);
    const status = c?.status ?? 'missing';
    if (status === 'deferred' && m.necessity !== 'deferrable') {
      out.push({ code: 'CASE_MATERIAL_NOT_DEFERRABLE', message: `「${m.name}」不是容缺后补材料，不能容缺受理` });
    } else if ((status === 'missing' || status === 'not_needed') && m.necessity === 'required') {
      out.push({ code: 'CASE_MATERIAL_MISSING', message: `缺少必要材料「${m.name}」，请出具一次性告知书` });
    } else if (status === 'missing' && m.necessity === 'deferrable') {
      out.push({ code: 'CASE_MATERIAL_MISSING', message: `缺少材料「${m.name}」：可选择容缺受理（申请人书面承诺后补），或出具一次性告知书` });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Review tasks from the item's steps

export type TaskKind = 'acceptance' | 'review' | 'decision' | 'delivery';

export interface PlannedTask {
  stepKey: string;
  name: string;
  stage: number;
  departmentId: string | null;
  level: ItemLevel;
  days: number;
  kind: TaskKind;
}

/** Names of the window's own step (a step such as 审查受理 is a review that decides, not the window). */
const ACCEPT_RE = /^(受理|收件|接件|申请受理|窗口受理)$/;
const DELIVERY_RE = /送达|发证|领取/;
const DECISION_RE = /决定|审批|审核确认|核准|办结/;

/**
 * Which case action completes each step: the leading steps up to the last one named 受理 (they happen at
 * the window), one decision step — the last step named like a decision, else the last step before
 * delivery (a 即办件's 登记 is its decision) — and every step after the decision (送达, 发放, 指派 …:
 * carrying the result out, done at delivery). The rest are review tasks, done before the decision.
 */
function kindsOf(steps: readonly { name: string }[]): TaskKind[] {
  let lastAccept = -1;
  steps.forEach((s, i) => {
    if (ACCEPT_RE.test(s.name) && steps.slice(0, i).every((p) => !DECISION_RE.test(p.name))) lastAccept = i;
  });
  const kinds: TaskKind[] = steps.map((s, i) => (i <= lastAccept ? 'acceptance' : DELIVERY_RE.test(s.name) ? 'delivery' : 'review'));
  let decision = -1;
  steps.forEach((s, i) => {
    if (kinds[i] === 'review' && DECISION_RE.test(s.name)) decision = i;
  });
  if (decision < 0) for (let i = steps.length - 1; i >= 0 && decision < 0; i--) if (kinds[i] === 'review') decision = i;
  if (decision >= 0) {
    kinds[decision] = 'decision';
    for (let i = decision + 1; i < kinds.length; i++) kinds[i] = 'delivery';
  }
  return kinds;
}

/**
 * The item's steps become tasks: consecutive parallel steps share a stage (并联), every other step is a
 * stage of its own. The acceptance step is completed by 受理, the decision step by 作出决定 and the
 * delivery step by 送达; the rest are claimed and completed by the departments.
 */
export function planTasks(steps: readonly Step[], ownDepartmentId: string, itemLevel: ItemLevel): PlannedTask[] {
  const out: PlannedTask[] = [];
  const kinds = kindsOf(steps);
  let stage = 0;
  let inParallel = false;
  steps.forEach((s, i) => {
    if (!(s.parallel && inParallel)) stage++;
    inParallel = s.parallel;
    out.push({
      stepKey: s.key,
      name: s.name,
      stage,
      // A step without a department is the implementing department's at the item's level; below it
      // (村/镇 where the case was handed in) it is open to the reviewers of that place.
      departmentId: s.departmentId ?? (s.level === itemLevel ? ownDepartmentId : null),
      level: s.level,
      days: s.days,
      kind: kinds[i],
    });
  });
  return out;
}

/** May the case be decided? Every review task must be done (acceptance ones are done at acceptance). */
export function openReviewTasks(tasks: readonly { kind: string; status: string; name: string }[]): string[] {
  return tasks.filter((t) => t.kind === 'review' && t.status !== 'done').map((t) => t.name);
}

// ---------------------------------------------------------------------------------------------------
// Deadline state (derived, never stored)

export type DeadlineState = 'normal' | 'warning' | 'overdue' | 'paused' | 'none';

/**
 * From the remaining working days (0 on the due day, negative past it) and the case status.
 * `warnWithin`: working days before the due date from which the case shows as warning.
 */
export function deadlineState(status: string, remaining: number | null, warnWithin: number): DeadlineState {
  if (!CLOCK_STATUSES.includes(status as CaseStatus) || remaining === null) return 'none';
  if (status === 'suspended') return 'paused';
  if (remaining < 0) return 'overdue';
  if (remaining <= warnWithin) return 'warning';
  return 'normal';
}

export const DEFAULT_WARN_WITHIN = 2;

/** Applicant tracking check: the name, or the last 4 characters of the ID number / credit code. */
export function trackingMatches(proof: string, applicant: { name: string; idTail: string | null }): boolean {
  const p = proof.trim().toUpperCase();
  if (!p) return false;
  if (p === applicant.name.trim().toUpperCase()) return true;
  return !!applicant.idTail && p.length === 4 && p === applicant.idTail.toUpperCase();
}

export type { ItemContent };
