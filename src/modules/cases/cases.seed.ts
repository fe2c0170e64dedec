import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/client.js';
import type { Crypto } from '../../platform/crypto.js';
import { newId } from '../../platform/ids.js';
import { findOrCreateApplicant } from '../applicants/applicants.repo.js';
import { roleGrants, users } from '../auth/auth.tables.js';
import { getYear, replaceYear } from '../calendar/calendar.repo.js';
import { addDays, businessDate, CalendarYearMissingError, checkYearImport, fillYear, yearOf, type ImportDay, type WorkCalendar } from '../calendar/calendar.rules.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { MATERIAL_FORMS, type ItemContent, type ItemLevel } from '../catalog/catalog.rules.js';
import { catalogItems, catalogItemVersions } from '../catalog/catalog.tables.js';
import { centers, regions } from '../org/org.tables.js';
import { makeCreditCode, makeIdNumber, makeMobile } from '../seed/codes.js';
import { clockOf, type Clock } from './cases.clock.js';
import type { ApplicantInput } from './cases.contract.js';
import * as repo from './cases.repo.js';
import { caseNumber, caseNumberPrefix, PAUSE_KINDS, planTasks, transition, type CaseAction, type CaseStatus, type PauseKind } from './cases.rules.js';
import { caseEvents, caseMaterials, casePauses, cases, caseTasks, notifications } from './cases.tables.js';

/**
 * Demo data of the case engine (DEMO ONLY: called from seed/demo.ts, which never runs in production).
 *
 * - `seedProvisionalCalendar`: a provisional working-day calendar for this year and the next when the
 *   official one is missing (2027 while the State Council's notice is not out): weekends rest, weekdays
 *   work, plus only the fixed-date statutory holidays of 《全国年节及纪念日放假办法》 (元旦, 劳动节,
 *   国庆节) — no guessed 调休 or lunar holidays — marked source `import` with a note asking the
 *   administrator to import the official schedule over it.
 * - `seedDemoCases`: a few hundred cases of the demo county in every state over the last ~60 days of
 *   business dates, played through an in-memory copy of the service's actions (the same transition
 *   table, task plan, calendar and notes), then bulk-inserted. Every date comes from the calendar;
 *   case numbers come from the daily counter, so real cases received later continue the serial.
 *
 * Runs inside the demo seed's transaction: never `deps.db`, never a nested transaction.
 */

// ---------------------------------------------------------------------------------------------------
// Provisional calendar

/** Fixed-date statutory holidays (《全国年节及纪念日放假办法》, 2024 revision); the lunar ones move and are not guessed. */
const FIXED_HOLIDAYS: readonly [string, string][] = [
  ['01-01', '元旦'],
  ['05-01', '劳动节'],
  ['05-02', '劳动节'],
  ['10-01', '国庆节'],
  ['10-02', '国庆节'],
  ['10-03', '国庆节'],
];

export const provisionalCalendarNote = (year: number): string => `演示数据：${year} 年放假安排公布前的预置日历，正式通知发布后请在“工作日历”中导入替换`;

/**
 * Adds a provisional calendar for this year and the next when they are missing (never touches a year
 * that is there). Returns the years added.
 */
export async function seedProvisionalCalendar(tx: Executor, opts: { now?: Date; updatedBy: string }): Promise<number[]> {
  const thisYear = yearOf(businessDate(opts.now ?? new Date()));
  const added: number[] = [];
  for (const year of [thisYear, thisYear + 1]) {
    if (await getYear(tx, year)) continue;
    const days: ImportDay[] = FIXED_HOLIDAYS.map(([md, name]) => ({ date: `${year}-${md}`, kind: 'holiday', name }));
    const problems = checkYearImport(year, days);
    if (problems.length) throw new Error(`provisional calendar ${year}: ${problems.map((p) => p.message).join('; ')}`);
    await replaceYear(tx, year, fillYear(year, days), { source: 'import', note: provisionalCalendarNote(year), updatedBy: opts.updatedBy });
    added.push(year);
  }
  return added;
}

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Dice {
  constructor(private readonly next: () => number) {}
  float = (): number => this.next();
  int = (lo: number, hi: number): number => lo + Math.floor(this.next() * (hi - lo + 1));
  chance = (p: number): boolean => this.next() < p;
  pick = <T>(xs: readonly T[]): T => xs[Math.floor(this.next() * xs.length)];
  weighted = <T>(xs: readonly (readonly [T, number])[]): T => {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [x, w] of xs) if ((r -= w) < 0) return x;
    return xs[xs.length - 1][0];
  };
  shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  };
}

// ---------------------------------------------------------------------------------------------------
// People

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'];
const MALE = ['建国', '建军', '国强', '志强', '伟', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '飞', '波', '斌', '宇', '浩', '凯', '健', '俊', '旭', '宁', '龙', '德明', '春生', '长江', '福生', '永刚', '海军', '振华', '树林', '玉田', '守业', '广才', '金山'];
const FEMALE = ['秀英', '桂英', '秀兰', '玉兰', '桂兰', '秀珍', '凤英', '玉珍', '兰英', '丽', '敏', '静', '燕', '艳', '娟', '霞', '芳', '娜', '丹', '玲', '萍', '红', '洁', '琳', '雪', '梅', '莉', '慧', '婷', '颖', '春梅', '海燕', '淑珍', '翠花', '小燕', '晓红', '丽华', '金花'];
const SHOPS = ['便利店', '理发店', '五金店', '小吃店', '农资店', '手机维修部', '裁缝店', '早餐店', '水果店', '家电维修部'];
const WORKSHOPS = ['豆腐坊', '面条加工坊', '香油坊', '酱菜坊', '米酒坊', '糕点坊', '粉条加工坊'];
const STREETS = ['人民路', '建设路', '解放街', '文化路', '新华街', '向阳路'];

interface PersonSpec {
  key: string;
  input: z.infer<typeof ApplicantInput>;
  userId: string | null;
  /** Name on the timeline and notices (the contact for an enterprise). */
  displayName: string;
  address: string;
}

// ---------------------------------------------------------------------------------------------------
// Reference data read from the seeded county

interface CenterRec {
  id: string;
  name: string;
  level: ItemLevel;
  regionPath: string;
  regionName: string;
  /** Region code (12 digits). */
  code: string;
  /** Township region code of a township hall or village room; null for the county hall. */
  town: string | null;
}

interface ItemRec {
  id: string;
  centerId: string;
  departmentId: string;
  countyId: string;
  implementationCode: string;
  version: number;
  content: ItemContent;
}

interface Staff {
  id: string;
  username: string;
  name: string;
  role: string;
  departmentId: string | null;
  scopePath: string | null;
  scopeCenterId: string | null;
}

const covers = (s: Staff, c: CenterRec): boolean => (s.scopePath !== null && c.regionPath.startsWith(s.scopePath)) || s.scopeCenterId === c.id;
/** Narrower scopes first (a township's clerk before the county's). */
const specificity = (s: Staff): number => (s.scopeCenterId ? 1000 : (s.scopePath?.length ?? 0));

// ---------------------------------------------------------------------------------------------------
// The in-memory case, mirroring cases.service.ts action by action

type CaseInsert = typeof cases.$inferInsert;
type MaterialInsert = typeof caseMaterials.$inferInsert;
type TaskInsert = typeof caseTasks.$inferInsert & { id: string };
type EventInsert = typeof caseEvents.$inferInsert;
type PauseInsert = typeof casePauses.$inferInsert & { id: string };
type NoteInsert = Omit<typeof notifications.$inferInsert, 'body'> & { body: string };

interface Actor {
  id: string;
  name: string;
}

class SimCase {
  readonly id = newId();
  row: CaseInsert;
  status: CaseStatus = 'received';
  readonly materials: MaterialInsert[];
  tasks: TaskInsert[] = [];
  readonly events: EventInsert[] = [];
  readonly pauses: PauseInsert[] = [];
  readonly notes: NoteInsert[] = [];
  version = 1;

  constructor(
    readonly item: ItemRec,
    readonly center: CenterRec,
    readonly handling: CenterRec,
    readonly applicant: PersonSpec,
    readonly clock: Clock,
    channel: string,
    receiver: Actor,
    at: Date,
  ) {
    const c = item.content;
    this.row = {
      id: this.id,
      countyId: item.countyId,
      caseNo: '',
      itemId: item.id,
      itemVersion: item.version,
      itemName: c.name,
      centerId: center.id,
      handlingCenterId: item.centerId,
      departmentId: item.departmentId,
      applicantId: '',
      channel,
      status: 'received',
      handlingType: c.handlingType,
      promisedDays: c.promisedDays,
      receivedAt: at,
      agentId: channel === 'agent' ? receiver.id : null,
      createdBy: receiver.id,
      updatedAt: at,
    };
    this.materials = c.materials.map((m, i) => ({ caseId: this.id, key: m.key, name: m.name, necessity: m.necessity, status: 'missing', form: MATERIAL_FORMS[m.form], copies: m.copies, sort: i }));
    this.event(at, receiver, 'received', `${center.name}收件`, { to: 'received' });
  }

  private event(at: Date, actor: Actor | null, type: string, note: string, extra: { from?: string; to?: string; isPublic?: boolean; data?: Record<string, unknown> } = {}) {
    this.events.push({ caseId: this.id, at, type, note, fromStatus: extra.from ?? null, toStatus: extra.to ?? null, actorId: actor?.id ?? null, actorName: actor?.name ?? null, public: extra.isPublic ?? true, data: extra.data ?? null });
  }

  private tell(at: Date, title: string, body: string) {
    this.notes.push({ caseId: this.id, applicantId: null, userId: this.applicant.userId, channel: 'in_app', title, body, status: 'sent', attempts: 1, createdAt: at, sentAt: new Date(at.getTime() + 2_000) });
  }

  private move(action: CaseAction): CaseStatus {
    const next = transition(this.status, action);
    if (typeof next !== 'string') throw new Error(`demo case: ${next.message}`);
    return next;
  }

  private save(at: Date, set: Partial<CaseInsert>) {
    Object.assign(this.row, set);
    this.row.updatedAt = at;
    this.version++;
  }

  get name(): string {
    return this.item.content.name;
  }

  /** The receive-only branch of createCase tells the applicant it was received. */
  receivedOnly(at: Date) {
    this.tell(at, '已收到您的申请', `您申请的「${this.name}」已收件，工作人员将尽快审查`);
  }

  accept(at: Date, actor: Actor, checks: Map<string, { status: 'received' | 'missing' | 'deferred' | 'not_needed'; pages: number | null }>) {
    const to = this.move('accept');
    const from = this.status;
    const today = businessDate(at);
    const content = this.item.content;
    for (const m of content.materials) {
      const c = checks.get(m.key);
      const status = c?.status ?? 'missing';
      Object.assign(this.mat(m.key), { status, pages: c?.pages ?? null, note: '', deferredDue: status === 'deferred' ? this.clock.addWorkdays(today, m.deferDays ?? 5) : null });
    }
    const due = this.clock.dueDate(today, content.promisedDays, 0);
    this.status = to;
    this.save(at, { status: to, acceptedAt: at, acceptedOn: today, dueDate: due, promisedDays: content.promisedDays });
    const plan = planTasks(content.steps, this.row.departmentId, this.handling.level);
    const firstOpen = plan.find((p) => p.kind !== 'acceptance')?.stage;
    this.tasks = plan.map((p) => ({
      id: newId(),
      caseId: this.id,
      countyId: this.row.countyId,
      stepKey: p.stepKey,
      name: p.name,
      stage: p.stage,
      departmentId: p.departmentId,
      level: p.level,
      days: p.days,
      kind: p.kind,
      status: p.kind === 'acceptance' ? 'done' : p.stage === firstOpen && p.kind === 'review' ? 'open' : 'waiting',
      doneAt: p.kind === 'acceptance' ? at : null,
      doneBy: p.kind === 'acceptance' ? actor.id : null,
      openedAt: p.stage === firstOpen ? at : null,
      outcome: p.kind === 'acceptance' ? 'pass' : null,
    }));
    const deferred = [...checks.values()].filter((c) => c.status === 'deferred').length;
    const P = content.promisedDays;
    this.event(at, actor, 'accepted', `已受理，承诺 ${P === 0 ? '即办' : `${P} 个工作日内办结（${due} 前）`}${deferred ? `；容缺受理 ${deferred} 项材料` : ''}`, { from, to });
    this.tell(at, '您的申请已受理', `「${content.name}」已受理，${P === 0 ? '当场办理' : `预计 ${due} 前办结`}`);
  }

  correct(at: Date, actor: Actor, corrections: { name: string; problem: string; requirement: string }[], checks: Map<string, { status: 'received' | 'missing'; pages: number | null }>) {
    const from = this.status;
    const to = this.move('request_correction');
    for (const [key, c] of checks) Object.assign(this.mat(key), { status: c.status, pages: c.pages, note: '' });
    this.status = to;
    this.save(at, { status: to, corrections });
    this.event(at, actor, 'correction_requested', `一次性告知需补正 ${corrections.length} 项：${corrections.map((c) => c.name).join('、')}`, { from, to });
    this.tell(at, '请补正材料', `「${this.name}」需补正：${corrections.map((c) => `${c.name}（${c.requirement}）`).join('；')}`);
  }

  reject(at: Date, actor: Actor, rejection: { reasons: string[]; legalBasis: string[] }) {
    const from = this.status;
    const to = this.move('reject');
    this.status = to;
    this.save(at, { status: to, rejection, concludedAt: at });
    this.event(at, actor, 'rejected', `不予受理：${rejection.reasons.join('；')}`, { from, to });
    this.tell(at, '您的申请不予受理', `「${this.name}」不予受理，理由：${rejection.reasons.join('；')}`);
  }

  supply(at: Date, actor: Actor, key: string) {
    const m = this.mat(key);
    if (m.status !== 'deferred') throw new Error('demo case: supply of a material not deferred');
    Object.assign(m, { status: 'supplied', suppliedAt: at });
    this.save(at, {});
    this.event(at, actor, 'material_supplied', `容缺材料「${m.name}」已补交`);
  }

  claim(at: Date, actor: Actor, task: TaskInsert) {
    if (task.kind !== 'review' || task.status !== 'open') throw new Error(`demo case: claim of ${task.name} (${task.status})`);
    const from = this.status;
    const to = this.move('start_review');
    Object.assign(task, { status: 'claimed', assigneeId: actor.id, claimedAt: at });
    this.status = to;
    this.save(at, { status: to });
    this.event(at, actor, 'task_claimed', `${task.name}：开始审查`, { from, to, isPublic: from !== to });
  }

  complete(at: Date, actor: Actor, task: TaskInsert, outcome: 'pass' | 'return', opinion: string, inspection: TaskInsert['inspection'] = null) {
    if (!['accepted', 'in_review'].includes(this.status) || task.status !== 'claimed') throw new Error(`demo case: complete of ${task.name}`);
    Object.assign(task, { status: 'done', doneAt: at, doneBy: actor.id, outcome, opinion, attachments: [], inspection });
    if (outcome === 'pass') {
      const stageDone = this.tasks.filter((x) => x.stage === task.stage).every((x) => x.status === 'done');
      const next = this.tasks.filter((x) => x.stage > task.stage && x.kind === 'review' && x.status === 'waiting');
      if (stageDone && next.length) {
        const stage = Math.min(...next.map((x) => x.stage));
        for (const x of this.tasks) if (x.stage === stage && x.kind === 'review') Object.assign(x, { status: 'open', openedAt: at });
      }
    } else {
      const previous = this.tasks.filter((x) => x.stage < task.stage && x.kind === 'review').map((x) => x.stage);
      const stage = previous.length ? Math.max(...previous) : task.stage;
      for (const x of this.tasks) {
        if (x.stage === stage && x.kind === 'review') Object.assign(x, { status: 'open', assigneeId: null, doneAt: null, doneBy: null, outcome: null, openedAt: at });
      }
    }
    this.save(at, {});
    this.event(at, actor, outcome === 'pass' ? 'task_passed' : 'task_returned', `${task.name}：${outcome === 'pass' ? '通过' : '退回'}（${opinion.slice(0, 60)}）`, { isPublic: false });
  }

  suspend(at: Date, actor: Actor, kind: PauseKind, reason: string) {
    const from = this.status;
    const to = this.move('suspend');
    this.pauses.push({ id: newId(), caseId: this.id, kind, reason, startedOn: businessDate(at), endedOn: null, workdays: null });
    this.status = to;
    this.save(at, { status: to });
    this.event(at, actor, 'suspended', `因${PAUSE_KINDS[kind]}挂起：${reason}（期间不计入办理时限）`, { from, to });
    this.tell(at, '办件暂停计时', `「${this.name}」因${PAUSE_KINDS[kind]}暂停计时：${reason}`);
  }

  resume(at: Date, actor: Actor) {
    const from = this.status;
    const to = this.move('resume');
    const open = this.pauses.find((p) => p.endedOn === null);
    const today = businessDate(at);
    const paused = open ? this.clock.workdaysBetween(open.startedOn, today) : 0;
    if (open) Object.assign(open, { endedOn: today, workdays: paused });
    const total = (this.row.pausedWorkdays ?? 0) + paused;
    const due = this.clock.dueDate(this.row.acceptedOn!, this.row.promisedDays, total);
    this.status = to;
    this.save(at, { status: to, pausedWorkdays: total, dueDate: due });
    this.event(at, actor, 'resumed', `恢复办理，暂停 ${paused} 个工作日，办结期限顺延至 ${due}`, { from, to });
  }

  decide(at: Date, actor: Actor, d: { approve: boolean; text: string; reasons: string[]; legalBasis: string[]; resultNo: string | null }) {
    const from = this.status;
    const to = this.move('decide');
    if (this.tasks.some((t) => t.kind === 'review' && t.status !== 'done')) throw new Error('demo case: decision with open review tasks');
    if (d.approve && this.materials.some((m) => m.status === 'deferred')) throw new Error('demo case: approval with 容缺 materials outstanding');
    for (const t of this.tasks) {
      if (t.kind === 'decision') Object.assign(t, { status: 'done', doneAt: at, doneBy: actor.id, outcome: 'pass', opinion: d.text });
      if (t.kind === 'delivery') Object.assign(t, { status: 'open', openedAt: at });
    }
    this.status = to;
    this.save(at, { status: to, decision: d.approve ? 'approve' : 'deny', decisionText: d.text, decisionReasons: d.reasons, decisionBasis: d.legalBasis, resultNo: d.resultNo, concludedAt: at });
    this.event(at, actor, 'decided', d.approve ? `办结：准予${d.resultNo ? `（证照编号 ${d.resultNo}）` : ''}` : `办结：不予（${d.reasons.join('；')}）`, { from, to });
    this.tell(at, '您的申请已办结', `「${this.name}」已办结，结果：${d.approve ? '准予' : '不予'}。请按约定方式领取结果`);
  }

  deliver(at: Date, actor: Actor, d: { method: 'window' | 'post' | 'electronic'; recipient: string; trackingNo?: string; address?: string }) {
    if (this.status !== 'concluded' || this.row.deliveredAt) throw new Error('demo case: delivery');
    for (const t of this.tasks) if (t.kind === 'delivery') Object.assign(t, { status: 'done', doneAt: at, doneBy: actor.id, outcome: 'pass' });
    this.save(at, { deliveredAt: at, deliveryMethod: d.method, delivery: { trackingNo: d.trackingNo, recipient: d.recipient, address: d.address } });
    const how = d.method === 'post' ? `邮寄送达（单号 ${d.trackingNo}）` : d.method === 'window' ? '窗口领取' : '电子送达';
    this.event(at, actor, 'delivered', `${how}，签收人 ${d.recipient}`);
    this.tell(at, '办理结果已送达', `「${this.name}」办理结果已${how}`);
  }

  returnCase(at: Date, actor: Actor, reason: string) {
    const from = this.status;
    const to = this.move('return');
    this.status = to;
    this.save(at, { status: to, concludedAt: at });
    this.event(at, actor, 'returned', `退件：${reason}`, { from, to });
    this.tell(at, '您的申请已退件', `「${this.name}」已退件：${reason}`);
  }

  withdraw(at: Date, actor: Actor, reason: string) {
    const from = this.status;
    const to = this.move('withdraw');
    this.status = to;
    this.save(at, { status: to, concludedAt: at });
    this.event(at, actor, 'withdrawn', `申请人撤回：${reason}`, { from, to });
  }

  mat(key: string): MaterialInsert {
    const m = this.materials.find((x) => x.key === key);
    if (!m) throw new Error(`demo case: no material ${key}`);
    return m;
  }

  /** Review stages in order. */
  reviewStages(): number[] {
    return [...new Set(this.tasks.filter((t) => t.kind === 'review').map((t) => t.stage))].sort((a, b) => a - b);
  }
}

// ---------------------------------------------------------------------------------------------------
// The plan: how many cases in which state

type Target =
  | 'received'
  | 'correcting'
  | 'rejected'
  | 'accepted'
  | 'in_review'
  | 'suspended'
  | 'approved'
  | 'denied'
  | 'returned'
  | 'withdrawn';

type Deadline = 'normal' | 'warning' | 'overdue';

interface Slot {
  target: Target;
  deadline?: Deadline;
  /** Township code (or 'county') the case should be at, for deadline slots spread over every center. */
  place?: string;
  /** Demo citizen slots: item name and receiving place fixed. */
  citizen?: { item: string; village: boolean; channel: string };
}

/** ~300 cases. Most cases end concluded, as in a real hall; every state has enough to look real. */
const PLAN: readonly [Target, number][] = [
  ['received', 22],
  ['correcting', 18],
  ['rejected', 14],
  ['accepted', 30],
  ['in_review', 60],
  ['suspended', 16],
  ['approved', 105],
  ['denied', 15],
  ['returned', 8],
  ['withdrawn', 12],
];

/** Of the accepted and in-review cases: how many are due soon and overdue (spread over every center). */
const DEADLINE_MIX: Record<'accepted' | 'in_review', { warning: number; overdue: number }> = {
  accepted: { warning: 6, overdue: 5 },
  in_review: { warning: 9, overdue: 8 },
};

export interface DemoCitizen {
  userId: string;
  name: string;
  idNumber: string;
  phone: string;
  /** Region code of his village. */
  homeCode: string;
}

export interface DemoCasesOptions {
  countyId: string;
  crypto: Crypto;
  citizen: DemoCitizen;
  now?: Date;
}

export interface DemoCasesSummary {
  today: string;
  cases: number;
  byStatus: Record<string, number>;
  /** Cases left out because a date they needed is in a year without a calendar (all of them when the recent past has none). */
  skipped: number;
}

// ---------------------------------------------------------------------------------------------------
// Texts

const OPINIONS = ['材料齐全，符合条件，同意', '经核查，情况属实，同意', '经入户调查，情况属实，符合条件', '审查通过，转下一环节', '符合规定，拟同意'];
const REJECT_REASONS = ['申请人户籍（住所）不在本辖区，不属于本中心受理范围', '申请事项不属于本机关职权范围，已告知向有关部门申请', '同一事项已在办理中，不得重复申请'];
const RETURN_REASONS = ['经核查申请材料与实际情况不符，申请人未能说明', '申请人已迁出本县，由迁入地办理', '经补充调查，申请条件已发生变化，申请人同意退件'];
const WITHDRAW_REASONS = ['申请人书面申请撤回', '申请人已在其他地方办理', '申请人决定暂缓申请'];
const DENY_REASONS = ['经调查核实，申请人家庭经济状况不符合规定条件', '经审查，申请人不符合规定的认定条件', '现场核查情况与申请内容不符'];
const CORRECTION_PROBLEMS: readonly [string, string][] = [
  ['未提供', '提供原件一份'],
  ['复印件不清晰', '重新提供清晰复印件'],
  ['缺少申请人签字', '申请人本人签字确认'],
  ['信息与身份证不一致', '核对后重新填写'],
];

const basisOf = (c: ItemContent): string[] => (c.legalBasis.length ? [`${c.legalBasis[0].name}${c.legalBasis[0].article}`] : ['《中华人民共和国行政许可法》第三十八条']);

// ---------------------------------------------------------------------------------------------------
// Seeding

export async function seedDemoCases(tx: Executor, opts: DemoCasesOptions): Promise<DemoCasesSummary> {
  const now = opts.now ?? new Date();
  const today = businessDate(now);
  const dice = new Dice(mulberry32(20_261_123));
  /** Open cases whose 容缺 material was kept outstanding past its promise (see `supplies`). */
  let lateKept = 0;
  const empty: DemoCasesSummary = { today, cases: 0, byStatus: {}, skipped: 0 };

  // --- The calendar: working days back from today, and the clock the service would use ---------------
  let cal: WorkCalendar;
  const W: string[] = [];
  try {
    cal = await loadCalendar(tx, addDays(today, -400), addDays(today, 400));
    for (let d = addDays(today, -130); d <= today; d = addDays(d, 1)) if (cal.isWorkday(d)) W.push(d);
  } catch (e) {
    if (e instanceof CalendarYearMissingError) return empty;
    throw e;
  }
  const clock = clockOf(cal, today);
  if (W.length < 70) return empty;
  const baseIdx = W.length - 1; // the last working day on or before today
  const nowBj = new Date(now.getTime() + 8 * 3_600_000);
  const minutesNow = nowBj.getUTCHours() * 60 + nowBj.getUTCMinutes();
  // Actions today only from 11:00 Beijing on (times between 08:30 and now); else up to the last working day.
  const lastIdx = W[baseIdx] === today && minutesNow < 11 * 60 ? baseIdx - 1 : baseIdx;

  // --- Reference data --------------------------------------------------------------------------------
  const centerRows = await tx
    .select({ id: centers.id, name: centers.name, level: centers.level, path: regions.path, regionName: regions.name, code: regions.code, parentId: regions.parentId, regionId: regions.id })
    .from(centers)
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .where(and(eq(centers.countyId, opts.countyId), eq(centers.active, true)));
  const regionCode = new Map(centerRows.map((c) => [c.regionId, c.code]));
  const centerList: CenterRec[] = centerRows.map((c) => ({
    id: c.id,
    name: c.name,
    level: c.level as ItemLevel,
    regionPath: c.path,
    regionName: c.regionName,
    code: c.code,
    town: c.level === 'township' ? c.code : c.level === 'village' ? (regionCode.get(c.parentId ?? '') ?? null) : null,
  }));
  const centerById = new Map(centerList.map((c) => [c.id, c]));
  const countyHall = centerList.find((c) => c.level === 'county');
  if (!countyHall) return empty;
  const townHall = new Map(centerList.filter((c) => c.level === 'township').map((c) => [c.town!, c]));
  const countyCode = centerRows.find((c) => c.level === 'county')!.code;
  const region6 = countyCode.slice(0, 6);

  const itemRows = await tx
    .select({ item: catalogItems, content: catalogItemVersions.content })
    .from(catalogItems)
    .innerJoin(catalogItemVersions, and(eq(catalogItemVersions.itemId, catalogItems.id), eq(catalogItemVersions.version, catalogItems.publishedVersion)))
    .where(and(eq(catalogItems.countyId, opts.countyId), isNotNull(catalogItems.publishedVersion)));
  const items: ItemRec[] = itemRows.map(({ item, content }) => ({
    id: item.id,
    centerId: item.centerId,
    departmentId: item.departmentId,
    countyId: item.countyId,
    implementationCode: item.implementationCode,
    version: item.publishedVersion!,
    content,
  }));
  if (items.length === 0) return empty;

  const staffRows = await tx
    .select({ id: users.id, username: users.username, name: users.displayName, departmentId: users.departmentId, role: roleGrants.role, scopeRegionId: roleGrants.scopeRegionId, scopeCenterId: roleGrants.scopeCenterId })
    .from(users)
    .innerJoin(roleGrants, and(eq(roleGrants.userId, users.id), eq(roleGrants.active, true)))
    .where(and(eq(users.countyId, opts.countyId), inArray(roleGrants.role, ['window_clerk', 'approver', 'center_director', 'village_agent'])));
  const scopeRegionIds = [...new Set(staffRows.map((s) => s.scopeRegionId).filter((x): x is string => !!x))];
  const scopePaths = new Map(
    scopeRegionIds.length ? (await tx.select({ id: regions.id, path: regions.path }).from(regions).where(inArray(regions.id, scopeRegionIds))).map((r) => [r.id, r.path]) : [],
  );
  const staff: Staff[] = staffRows.map((s) => ({
    id: s.id,
    username: s.username,
    name: s.name,
    role: s.role,
    departmentId: s.departmentId,
    scopePath: s.scopeRegionId ? (scopePaths.get(s.scopeRegionId) ?? null) : null,
    scopeCenterId: s.scopeCenterId,
  }));
  const best = (xs: Staff[]) => [...xs].sort((a, b) => specificity(b) - specificity(a))[0] as Staff | undefined;
  const actor = (s: Staff): Actor => ({ id: s.id, name: s.name });
  const clerkFor = (c: CenterRec) => best(staff.filter((s) => s.role === 'window_clerk' && covers(s, c)));
  const agentFor = (c: CenterRec) => staff.find((s) => s.role === 'village_agent' && s.scopeCenterId === c.id);
  const deciderFor = (h: CenterRec): Staff | undefined => {
    const approver = best(staff.filter((s) => s.role === 'approver' && covers(s, h)));
    const director = best(staff.filter((s) => s.role === 'center_director' && covers(s, h)));
    return approver && (!director || specificity(approver) >= specificity(director)) ? approver : director;
  };
  const staffLevel = (s: Staff): ItemLevel => (s.scopePath === countyHall.regionPath || s.scopeCenterId === countyHall.id ? 'county' : 'township');
  /** Who claims a review task: someone in scope of the case, of the task's department or a director, at the task's level. */
  const reviewerFor = (sim: SimCase, t: TaskInsert): Staff | undefined => {
    const eligible = staff.filter(
      (s) =>
        (s.role === 'approver' || s.role === 'center_director') &&
        (covers(s, sim.center) || covers(s, sim.handling)) &&
        (!t.departmentId || s.departmentId === t.departmentId || s.role === 'center_director'),
    );
    const taskLevel: ItemLevel = t.level === 'county' ? 'county' : 'township';
    const score = (s: Staff) => (t.departmentId && s.departmentId === t.departmentId ? 100 : 0) + (staffLevel(s) === taskLevel ? 20 : 0) + (s.role === 'approver' ? 10 : 0);
    return eligible.sort((a, b) => score(b) - score(a))[0];
  };
  const staffById = (id: string) => staff.find((s) => s.id === id);

  // Agent rooms and the places a case may be received at, with the items offered there.
  const villageRooms = centerList.filter((c) => c.level === 'village' && agentFor(c));
  const offered = (c: CenterRec, agent: boolean): ItemRec[] =>
    items.filter((i) => {
      if (agent && !i.content.agentEligible) return false;
      if (i.centerId === c.id) return true;
      const ic = centerById.get(i.centerId);
      if (!ic || !i.content.acceptLevels.includes(c.level)) return false;
      return ic.level === 'county' || (c.level === 'village' && ic.town === c.town);
    });
  const offers = new Map<string, ItemRec[]>(centerList.map((c) => [c.id, offered(c, c.level === 'village')]));

  // --- Applicants ------------------------------------------------------------------------------------
  const persons: PersonSpec[] = [];
  const usedIds = new Set<string>([opts.citizen.idNumber]);
  /** ID serials 200–899 (odd for men), clear of the demo accounts' 101–141 and the case-accept bench's 900–999. */
  let personSerial = 0;
  const villagesOf = (town: string | null) => centerList.filter((c) => c.level === 'village' && (town === null || c.town === town));
  const addressIn = (c: CenterRec): string => {
    const town = c.town ? townHall.get(c.town)!.regionName : dice.pick([...townHall.values()]).regionName;
    const village = c.level === 'village' ? c.regionName : dice.pick(villagesOf(c.town)).regionName;
    return village.endsWith('社区') ? `示范县${town}${village}${dice.pick(STREETS)}${dice.int(1, 180)}号` : `示范县${town}${village}${dice.int(1, 9)}组${dice.int(1, 60)}号`;
  };
  const newPerson = (c: CenterRec, birthYears: [number, number]): PersonSpec => {
    for (;;) {
      const male = dice.chance(0.5);
      const name = dice.pick(SURNAMES) + dice.pick(male ? MALE : FEMALE);
      const birth = `${dice.int(...birthYears)}${String(dice.int(1, 12)).padStart(2, '0')}${String(dice.int(1, 28)).padStart(2, '0')}`;
      const idNumber = makeIdNumber(region6, birth, 200 + 2 * (personSerial++ % 350) + (male ? 1 : 0));
      if (usedIds.has(idNumber)) continue;
      usedIds.add(idNumber);
      const phone = makeMobile(5000 + persons.length);
      const address = addressIn(c);
      const p: PersonSpec = { key: idNumber, input: { kind: 'person', name, idNumber, phone, address }, userId: null, displayName: name, address };
      persons.push(p);
      return p;
    }
  };
  let creditSerial = 4000;
  const newEnterprise = (c: CenterRec, workshop: boolean): PersonSpec => {
    const owner = dice.pick(SURNAMES);
    const town = c.town ? townHall.get(c.town)!.regionName : '城关街道';
    const name = `示范县${town}${owner}记${dice.pick(workshop ? WORKSHOPS : SHOPS)}`;
    const creditCode = makeCreditCode('91', region6, creditSerial++);
    const contactName = owner + dice.pick(dice.chance(0.5) ? MALE : FEMALE);
    const address = addressIn(c);
    const p: PersonSpec = { key: creditCode, input: { kind: 'enterprise', name, creditCode, contactName, phone: makeMobile(5000 + persons.length), address }, userId: null, displayName: contactName, address };
    persons.push(p);
    return p;
  };
  const citizenPlace = centerList.find((c) => c.level === 'village' && c.code === opts.citizen.homeCode);
  const citizenAddress = citizenPlace ? `示范县${townHall.get(citizenPlace.town!)?.regionName ?? ''}${citizenPlace.regionName}3组12号` : '';
  const citizen: PersonSpec = {
    key: opts.citizen.idNumber,
    input: { kind: 'person', name: opts.citizen.name, idNumber: opts.citizen.idNumber, phone: opts.citizen.phone, address: citizenAddress },
    userId: opts.citizen.userId,
    displayName: opts.citizen.name,
    address: citizenAddress,
  };
  persons.push(citizen);
  const birthYearsFor = (name: string): [number, number] =>
    name.includes('高龄') ? [1930, 1945] : name.includes('待遇申领') || name.includes('资格认证') ? [1950, 1965] : /出生|生育/.test(name) ? [1990, 2000] : [1955, 2000];
  /** A returning applicant sometimes (same place), else a new one. */
  const applicantFor = (item: ItemRec, c: CenterRec): PersonSpec => {
    if (item.content.audience === 'enterprise') return newEnterprise(c, item.content.name.includes('小作坊'));
    const local = persons.filter((p) => p !== citizen && p.input.kind === 'person' && p.address.includes(c.regionName));
    if (local.length > 3 && dice.chance(0.12)) return dice.pick(local);
    return newPerson(c, birthYearsFor(item.content.name));
  };

  // --- Time ------------------------------------------------------------------------------------------
  const latest = now.getTime() - 2 * 60_000;
  /**
   * Business instants of one case, increasing: the first action of a day at office hours (08:30 plus
   * `minutes`), later ones `gap` minutes after the previous; never later than now.
   */
  const timeline = () => {
    let last = 0;
    return (idx: number, o: { minutes?: [number, number]; gap?: [number, number] } = {}): Date => {
      const start = new Date(`${W[idx]}T08:30:00+08:00`).getTime();
      const [lo, hi] = last < start ? (o.minutes ?? [0, 480]) : (o.gap ?? [4, 50]);
      let t = (last < start ? start : last) + dice.int(lo, hi) * 60_000 + dice.int(0, 59) * 1000;
      if (t > latest) t = last < start ? start + Math.floor(dice.float() * Math.max(0, latest - start)) : Math.min(t, latest);
      if (t <= last) t = last + 1000;
      last = t;
      return new Date(t);
    };
  };
  /** An action on a working day (index into W); run in day order, keeping the order of equal days. */
  interface Op {
    day: number;
    run: (at: Date) => void;
  }
  const runOps = (at: ReturnType<typeof timeline>, ops: Op[]) => {
    for (const op of ops.map((o, i) => ({ o, i })).sort((a, b) => a.o.day - b.o.day || a.i - b.i)) op.o.run(at(op.o.day));
  };

  // --- Choosing item, place, channel -----------------------------------------------------------------
  const promised = (i: ItemRec) => i.content.handlingType === 'promised' && i.content.promisedDays >= 3;
  const hasReview = (i: ItemRec) => planTasks(i.content.steps, i.departmentId, centerById.get(i.centerId)!.level).some((p) => p.kind === 'review');
  const fits = (t: Target, i: ItemRec): boolean => {
    switch (t) {
      case 'accepted':
      case 'denied':
        return promised(i);
      case 'in_review':
      case 'returned':
        return promised(i) && hasReview(i);
      case 'suspended':
        return promised(i) && hasReview(i) && i.content.specialProcedures.length > 0;
      default:
        return true;
    }
  };
  const placeWeights: [CenterRec, number][] = [
    [countyHall, 24],
    ...[...townHall.values()].map((c): [CenterRec, number] => [c, c.regionName === '青山镇' ? 20 : 16]),
    ...villageRooms.map((c): [CenterRec, number] => [c, 8]),
  ];
  const placeIn = (where: string): CenterRec => {
    if (where === 'county') return countyHall;
    const rooms = villageRooms.filter((v) => v.town === where);
    return rooms.length && dice.chance(0.3) ? dice.pick(rooms) : townHall.get(where)!;
  };
  const channelAt = (c: CenterRec, i: ItemRec, target: Target): string => {
    if (c.level === 'village') return 'agent';
    const online = ['apply', 'full'].includes(i.content.onlineLevel) ? 1 : 0;
    const booking = i.content.onlineLevel === 'consult' ? 0 : 1;
    return dice.weighted<string>(
      target === 'received'
        ? [
            ['window', 10],
            ['online', 45 * online],
            ['appointment', 15 * booking],
            ['post', 15],
          ]
        : [
            ['window', 62],
            ['online', 16 * online],
            ['appointment', 14 * booking],
            ['post', c.level === 'county' ? 8 : 3],
          ],
    );
  };
  const chooseItem = (slot: Slot): { item: ItemRec; center: CenterRec } | null => {
    if (slot.citizen) {
      const home = citizenPlace ?? villageRooms[0];
      if (!home) return null;
      const center = slot.citizen.village ? home : (townHall.get(home.town ?? '') ?? countyHall);
      const item = offered(center, center.level === 'village').find((i) => i.content.name === slot.citizen!.item);
      return item ? { item, center } : null;
    }
    for (let attempt = 0; attempt < 40; attempt++) {
      const center = slot.place ? placeIn(slot.place) : dice.weighted(placeWeights);
      const candidates = (offers.get(center.id) ?? []).filter((i) => fits(slot.target, i));
      if (!candidates.length) continue;
      // Instant items are common at the window; promised ones carry most of the back office.
      const instant = slot.target === 'approved' && dice.chance(0.45) ? candidates.filter((i) => i.content.handlingType === 'instant') : [];
      return { item: dice.pick(instant.length ? instant : candidates), center };
    }
    return null;
  };

  // --- Slots -----------------------------------------------------------------------------------------
  const slots: Slot[] = [
    { target: 'in_review', deadline: 'warning', citizen: { item: '城乡居民基本养老保险待遇申领', village: true, channel: 'agent' } },
    { target: 'approved', citizen: { item: '社会保障卡申领', village: false, channel: 'window' } },
    { target: 'approved', citizen: { item: '城乡居民医疗保险参保登记', village: false, channel: 'window' } },
    { target: 'suspended', citizen: { item: '耕地地力保护补贴申报', village: true, channel: 'agent' } },
    { target: 'correcting', citizen: { item: '农村村民宅基地审批', village: false, channel: 'window' } },
    { target: 'withdrawn', citizen: { item: '临时救助', village: true, channel: 'agent' } },
  ];
  // Cases due soon and overdue at every hall (and its village rooms), so every inbox has some.
  const spread = ['county', ...townHall.keys()];
  for (const [target, n] of PLAN) {
    const mix = target === 'accepted' || target === 'in_review' ? DEADLINE_MIX[target] : null;
    const warn = mix ? Math.max(spread.length, mix.warning) : 0;
    const over = mix ? Math.max(spread.length, mix.overdue) : 0;
    for (let i = 0; i < n; i++) {
      if (i < warn) slots.push({ target, deadline: 'warning', place: spread[i % spread.length] });
      else if (i < warn + over) slots.push({ target, deadline: 'overdue', place: spread[(i - warn) % spread.length] });
      else slots.push({ target, deadline: mix ? 'normal' : undefined });
    }
  }

  // --- Playing the cases -----------------------------------------------------------------------------
  const sims: SimCase[] = [];
  let skipped = 0;
  const pages = () => dice.int(1, 6);
  const clamp = (i: number) => Math.max(0, Math.min(lastIdx, i));
  type Check = { status: 'received' | 'missing' | 'deferred'; pages: number | null };
  /** The clerk's checklist at acceptance: 必要 received, 容缺 ones deferred (when `deferred`), 非必要 mostly received. */
  const checklist = (i: ItemRec, deferred: boolean) =>
    new Map<string, Check>(
      i.content.materials.map((m) => [
        m.key,
        { status: m.necessity === 'deferrable' && deferred ? 'deferred' : m.necessity === 'optional' && dice.chance(0.4) ? 'missing' : 'received', pages: pages() },
      ]),
    );
  const correctionsFor = (i: ItemRec) => {
    const required = i.content.materials.filter((m) => m.necessity === 'required');
    const list = dice.shuffle([...(required.length ? required : i.content.materials)]).slice(0, dice.int(1, 2));
    const corrections = list.map((m) => {
      const [problem, requirement] = dice.pick(CORRECTION_PROBLEMS);
      return { name: m.name, problem, requirement };
    });
    const checks = new Map<string, { status: 'received' | 'missing'; pages: number | null }>(
      i.content.materials.map((m) => [m.key, list.includes(m) ? { status: 'missing', pages: null } : { status: 'received', pages: pages() }]),
    );
    return { corrections: corrections.length ? corrections : [{ name: '申请表', problem: '未填写完整', requirement: '补充填写联系电话和住址' }], checks };
  };

  for (const slot of slots) {
    const chosen = chooseItem(slot);
    if (!chosen) {
      skipped++;
      continue;
    }
    const { item, center } = chosen;
    const handling = centerById.get(item.centerId)!;
    const c = item.content;
    const P = c.promisedDays;
    const channel = slot.citizen?.channel ?? channelAt(center, item, slot.target);
    const clerkStaff = clerkFor(center);
    const deciderStaff = deciderFor(handling);
    if (!clerkStaff || !deciderStaff) {
      skipped++;
      continue;
    }
    const clerk = actor(clerkStaff);
    const decider = actor(deciderStaff);
    const receiver = channel === 'agent' ? actor(agentFor(center) ?? clerkStaff) : clerk;
    const person = slot.citizen ? citizen : applicantFor(item, center);
    const at = timeline();
    /** Received at the window the same day it is handled, or earlier (agent, online, post): online ones also in the evening. */
    const handedOver = channel !== 'window' && channel !== 'appointment';
    const make = (R: number, next?: number) =>
      new SimCase(item, center, handling, person, clock, channel, receiver, at(R, channel === 'online' && (next === undefined || next > R) ? { minutes: [-90, 780] } : {}));

    /** Received, perhaps first a one-time notice, then accepted on day A. */
    const acceptAt = (A: number, deferred: boolean, withNotice = false): SimCase => {
      const R = clamp(handedOver ? A - dice.int(0, 2) : withNotice ? A - dice.int(2, 5) : A);
      const sim = make(R, A);
      if (withNotice) {
        const { corrections, checks } = correctionsFor(item);
        sim.correct(at(R), clerk, corrections, checks);
      } else if (handedOver || R < A) sim.receivedOnly(sim.row.receivedAt as Date);
      sim.accept(at(A, { gap: [3, 25] }), clerk, checklist(item, deferred));
      return sim;
    };
    /** A pause for one of the item's special procedures (or 补充材料). */
    const procedure = (): { kind: PauseKind; days: number; reason: string } => {
      const p = c.specialProcedures.length ? dice.pick(c.specialProcedures) : null;
      if (!p) return { kind: 'supplement', days: dice.int(2, 4), reason: '审查中需申请人补充材料' };
      const reason =
        p.kind === 'publicity'
          ? `在${center.level === 'village' ? center.regionName : '村（居）务公开栏'}公示${p.days}天`
          : p.kind === 'expert'
            ? '提交专家评审'
            : p.kind === 'inspection'
              ? '安排现场勘验'
              : '组织听证';
      return { kind: p.kind, days: Math.max(1, p.days), reason };
    };
    const reviewer = (sim: SimCase, t: TaskInsert): Actor => {
      const s = reviewerFor(sim, t);
      if (!s) throw new Error(`demo case: nobody may review ${t.name}`);
      return actor(s);
    };
    const assignee = (t: TaskInsert): Actor => actor(staffById(t.assigneeId!)!);
    /**
     * Review work between days `from` and `to`: `stages` whole review stages claimed and passed, then
     * (when `claimCurrent`) the next stage claimed; a pause (suspend, and resume unless open) between
     * two steps, or after the last one when it is still open.
     */
    const review = (sim: SimCase, from: number, to: number, stages: number, claimCurrent: boolean, pause?: { at: number; days: number; kind: PauseKind; reason: string; open: boolean }): Op[] => {
      const steps: { kind: 'claim' | 'pass' | 'return'; task: TaskInsert }[] = [];
      const order = sim.reviewStages();
      for (const stage of order.slice(0, stages)) {
        const stageTasks = sim.tasks.filter((x) => x.stage === stage && x.kind === 'review');
        for (const t of stageTasks) {
          steps.push({ kind: 'claim', task: t });
          // Now and then the first reviewer sends the first stage back to itself (the service reopens it).
          if (stage === order[0] && t === stageTasks[0] && dice.chance(0.05)) steps.push({ kind: 'return', task: t }, { kind: 'claim', task: t });
          steps.push({ kind: 'pass', task: t });
        }
      }
      if (claimCurrent && stages < order.length) {
        const current = sim.tasks.filter((x) => x.stage === order[stages] && x.kind === 'review');
        for (const t of current.slice(0, dice.int(1, current.length))) steps.push({ kind: 'claim', task: t });
      }
      const spreadDays = (n: number, lo: number, hi: number) => Array.from({ length: n }, () => dice.int(lo, Math.max(lo, hi))).sort((a, b) => a - b);
      const pauseSlot = !pause ? -1 : pause.open ? steps.length : dice.int(Math.min(1, steps.length), steps.length);
      const days = pause
        ? [...spreadDays(pauseSlot, from, pause.at), ...spreadDays(steps.length - pauseSlot, pause.open ? pause.at : Math.min(to, pause.at + pause.days), to)]
        : spreadDays(steps.length, from, to);
      const ops: Op[] = steps.map((s, i) => ({
        day: days[i],
        run: (t) => {
          if (s.kind === 'claim') sim.claim(t, reviewer(sim, s.task), s.task);
          else if (s.kind === 'return') sim.complete(t, assignee(s.task), s.task, 'return', `${s.task.name}：材料需补充说明，退回重新核查`);
          else {
            const inspection = /勘验|踏勘|核查|核验|评估/.test(s.task.name) ? { place: person.address || center.name, findings: '现场情况与申请材料一致，符合要求', photos: [], inspectedOn: businessDate(t) } : null;
            sim.complete(t, assignee(s.task), s.task, 'pass', `${s.task.name}：${dice.pick(OPINIONS)}`, inspection);
          }
        },
      }));
      if (pause) {
        // Placed in the sorted list right where it falls: after the steps before it, before the rest.
        ops.splice(pauseSlot, 0, { day: pause.at, run: (t) => sim.suspend(t, decider, pause.kind, pause.reason) });
        if (!pause.open) ops.splice(pauseSlot + 1, 0, { day: pause.at + pause.days, run: (t) => sim.resume(t, decider) });
      }
      return ops;
    };
    /** 容缺 materials come in within their promise (or, for open cases, some are still missing and late). */
    const supplies = (sim: SimCase, A: number, until: number, allowLate: boolean): Op[] =>
      sim.materials
        .filter((m) => m.status === 'deferred')
        .flatMap((m): Op[] => {
          const dueIdx = W.indexOf(m.deferredDue!);
          // Still outstanding: by chance, and always for the first few already past their promise, so the
          // demo has late 容缺 materials whatever today's date does to the draws.
          if (allowLate && (dueIdx < 0 || (lateKept < 3 && dueIdx < lastIdx) || dice.chance(dueIdx <= lastIdx ? 0.4 : 0.3))) {
            if (dueIdx >= 0 && dueIdx < lastIdx) lateKept++;
            return [];
          }
          const by = Math.min(until, dueIdx < 0 ? until : dueIdx);
          return [{ day: clamp(dice.int(Math.min(A + 1, by), by)), run: (t) => sim.supply(t, clerk, m.key) }];
        });
    /** The accepted-on day for a case due `r` working days after today's base day, with `paused` days of pauses. */
    const acceptedIdxFor = (r: number, paused: number) => clamp(baseIdx + r - (P + paused));
    const rFor = (d: Deadline | undefined): number => (d === 'overdue' ? -dice.int(1, 5) : d === 'warning' ? dice.int(0, 2) : dice.int(Math.max(3, Math.ceil(P / 3)), P - 1));

    const play = (): SimCase => {
      switch (slot.target) {
        case 'received': {
          const R = clamp(lastIdx - (dice.chance(0.8) ? dice.int(0, 2) : dice.int(3, 7)));
          const sim = make(R);
          sim.receivedOnly(sim.row.receivedAt as Date);
          return sim;
        }
        case 'correcting': {
          const R = clamp(lastIdx - dice.int(0, 12));
          const C = handedOver ? clamp(R + dice.int(0, 2)) : R;
          const sim = make(R, C);
          if (handedOver) sim.receivedOnly(sim.row.receivedAt as Date);
          const { corrections, checks } = correctionsFor(item);
          sim.correct(at(C), clerk, corrections, checks);
          return sim;
        }
        case 'rejected': {
          const R = clamp(lastIdx - dice.int(0, 55));
          const C = handedOver ? clamp(R + dice.int(0, 2)) : R;
          const sim = make(R, C);
          if (handedOver) sim.receivedOnly(sim.row.receivedAt as Date);
          sim.reject(at(C), clerk, { reasons: [dice.pick(REJECT_REASONS)], legalBasis: basisOf(c) });
          return sim;
        }
        case 'accepted': {
          // Nobody has claimed it yet: accepted lately, or (warning, overdue) left waiting.
          const A = acceptedIdxFor(Math.min(rFor(slot.deadline), P - (baseIdx - lastIdx)), 0);
          const sim = acceptAt(A, dice.chance(0.6), channel === 'window' && dice.chance(0.1));
          runOps(at, supplies(sim, A, lastIdx, true));
          return sim;
        }
        case 'in_review': {
          const pause = c.specialProcedures.length && dice.chance(0.3) ? procedure() : dice.chance(0.06) ? procedure() : null;
          const paused = pause?.days ?? 0;
          const A = acceptedIdxFor(Math.min(rFor(slot.deadline), P - 1), paused);
          const sim = acceptAt(A, dice.chance(0.6), channel === 'window' && dice.chance(0.1));
          const stages = dice.int(0, sim.reviewStages().length - 1);
          const from = Math.min(A + 1, lastIdx);
          const pauseAt = pause && lastIdx - paused > from ? dice.int(from, lastIdx - paused) : -1;
          runOps(at, [
            ...review(sim, from, lastIdx, stages, stages === 0 || dice.chance(0.7), pause && pauseAt >= 0 ? { at: pauseAt, days: paused, kind: pause.kind, reason: pause.reason, open: false } : undefined),
            ...supplies(sim, A, lastIdx, true),
          ]);
          return sim;
        }
        case 'suspended': {
          const pause = procedure();
          const A = clamp(lastIdx - dice.int(2, Math.max(2, Math.min(P - 1, 12))));
          const S = clamp(lastIdx - dice.int(0, Math.max(0, Math.min(pause.days - 1, lastIdx - A - 1))));
          const sim = acceptAt(A, false);
          runOps(at, review(sim, A, S, dice.int(0, Math.max(0, sim.reviewStages().length - 1)), dice.chance(0.5), { ...pause, at: S, open: true }));
          return sim;
        }
        case 'approved':
        case 'denied': {
          if (c.handlingType === 'instant') {
            const A = clamp(lastIdx - dice.int(0, 58));
            const sim = acceptAt(A, false);
            sim.decide(at(A, { gap: [2, 10] }), decider, { approve: true, text: `经审查，符合规定，准予办理「${c.name}」。`, reasons: [], legalBasis: [], resultNo: null });
            if (dice.chance(0.92)) sim.deliver(at(A, { gap: [1, 5] }), clerk, { method: channel === 'online' ? 'electronic' : 'window', recipient: person.displayName });
            return sim;
          }
          const pause = c.specialProcedures.length && dice.chance(0.35) ? procedure() : null;
          const paused = pause?.days ?? 0;
          const total = P + paused;
          // Most are decided within the promise; a few late.
          const took = dice.chance(0.08) ? total + dice.int(1, 3) : dice.int(Math.max(2, Math.ceil(total * 0.35)), total);
          const A = clamp(lastIdx - took - dice.int(0, Math.max(0, 58 - took)));
          const C = clamp(A + took);
          const sim = acceptAt(A, dice.chance(0.5), channel === 'window' && dice.chance(0.08));
          const from = Math.min(A + 1, C);
          const pauseAt = pause && C - paused - 1 > from ? dice.int(from, C - paused - 1) : -1;
          runOps(at, [
            ...review(sim, from, Math.max(from, C - 1), sim.reviewStages().length, false, pause && pauseAt >= 0 ? { at: pauseAt, days: paused, kind: pause.kind, reason: pause.reason, open: false } : undefined),
            ...supplies(sim, A, C, false),
          ]);
          const year = W[C].slice(0, 4);
          if (slot.target === 'approved') {
            const certificate = /证|许可|登记/.test(c.name) && !/参保|注销/.test(c.name);
            sim.decide(at(C), decider, { approve: true, text: `经审查，申请符合规定条件，准予办理「${c.name}」。`, reasons: [], legalBasis: [], resultNo: certificate ? `示${year}-${String(dice.int(1, 9999)).padStart(4, '0')}` : null });
          } else {
            sim.decide(at(C), decider, { approve: false, text: `经审查，申请不符合规定条件，决定不予办理「${c.name}」。`, reasons: [dice.pick(DENY_REASONS)], legalBasis: basisOf(c), resultNo: null });
          }
          // Most results are handed over within a few days; some recent ones still wait at the window.
          if (!(lastIdx - C <= 6 && dice.chance(0.55)) && dice.chance(0.9)) {
            const method = dice.weighted<'window' | 'post' | 'electronic'>([
              ['window', 6],
              ['post', channel === 'post' ? 10 : 2],
              ['electronic', channel === 'online' ? 8 : 1],
            ]);
            sim.deliver(at(clamp(C + dice.int(0, 3))), clerk, {
              method,
              recipient: person.displayName,
              ...(method === 'post' ? { trackingNo: `EMS${dice.int(10_000_000, 99_999_999)}${dice.int(10, 99)}CN`, address: person.address } : {}),
            });
          }
          return sim;
        }
        case 'returned': {
          const A = clamp(lastIdx - dice.int(4, 40));
          const sim = acceptAt(A, false);
          const E = clamp(A + dice.int(2, Math.min(P, lastIdx - A)));
          runOps(at, review(sim, Math.min(A + 1, E), E, dice.int(0, sim.reviewStages().length - 1), true));
          sim.returnCase(at(E), decider, dice.pick(RETURN_REASONS));
          return sim;
        }
        case 'withdrawn': {
          const from = slot.citizen ? 'accepted' : dice.pick(['received', 'correcting', 'accepted', 'in_review'] as const);
          const R = clamp(lastIdx - dice.int(3, 45));
          const E = clamp(R + dice.int(2, 3));
          let sim: SimCase;
          if (from === 'received' || from === 'correcting') {
            sim = make(R, from === 'received' ? undefined : R);
            if (from === 'received') sim.receivedOnly(sim.row.receivedAt as Date);
            else {
              const { corrections, checks } = correctionsFor(item);
              sim.correct(at(R), clerk, corrections, checks);
            }
          } else {
            sim = acceptAt(R, false);
            if (from === 'in_review' && sim.reviewStages().length) runOps(at, review(sim, clamp(R + 1), clamp(R + 1), 0, true));
          }
          const self = slot.citizen && person.userId ? { id: person.userId, name: person.displayName } : clerk;
          sim.withdraw(at(E), self, dice.pick(WITHDRAW_REASONS));
          return sim;
        }
      }
    };
    try {
      sims.push(play());
    } catch (e) {
      // A date in a year without a calendar (the demo outliving its calendar): leave the case out.
      if (!(e instanceof CalendarYearMissingError)) throw e;
      skipped++;
    }
  }

  // --- Applicants (as the window would: found or created, encrypted and masked) ------------------------
  const applicantIds = new Map<string, string>();
  for (const sim of sims) {
    const p = sim.applicant;
    if (!applicantIds.has(p.key)) applicantIds.set(p.key, (await findOrCreateApplicant(tx, opts.crypto, p.input, p.userId)).id);
    sim.row.applicantId = applicantIds.get(p.key)!;
  }

  // --- Case numbers from the daily counters, in the order the cases came in --------------------------
  sims.sort((a, b) => (a.row.receivedAt as Date).getTime() - (b.row.receivedAt as Date).getTime());
  for (const sim of sims) {
    const day = businessDate(sim.row.receivedAt as Date);
    const prefix = caseNumberPrefix(sim.item.implementationCode, day);
    const caseNo = caseNumber(sim.item.implementationCode, day, await repo.nextSerial(tx, prefix));
    sim.row.caseNo = caseNo;
    sim.row.version = sim.version;
    if (sim.row.decision) sim.row.decisionNo = `${caseNo.slice(-12, -8)}-${caseNo.slice(-4)}`;
  }

  // --- Bulk inserts ----------------------------------------------------------------------------------
  const chunked = async <T>(rows: T[], size: number, insert: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
  };
  await chunked(
    sims.map((s) => s.row),
    400,
    (part) => tx.insert(cases).values(part),
  );
  await chunked(
    sims.flatMap((s) => s.materials),
    1000,
    (part) => tx.insert(caseMaterials).values(part),
  );
  await chunked(
    sims.flatMap((s) => s.tasks),
    800,
    (part) => tx.insert(caseTasks).values(part),
  );
  await chunked(
    sims.flatMap((s) => s.events),
    1000,
    (part) => tx.insert(caseEvents).values(part),
  );
  await chunked(
    sims.flatMap((s) => s.pauses),
    1000,
    (part) => tx.insert(casePauses).values(part),
  );
  // The applicant's messages: sent long ago; the demo citizen has read all but the two newest.
  const notes = sims.flatMap((s) => s.notes.map((n) => ({ ...n, applicantId: s.row.applicantId, body: `${n.body}（办件编号 ${s.row.caseNo}）` })));
  const citizenNotes = notes.filter((n) => n.userId === opts.citizen.userId).sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime());
  for (const n of citizenNotes.slice(0, -2)) n.readAt = new Date((n.createdAt as Date).getTime() + 3_600_000);
  await chunked(notes, 1000, (part) => tx.insert(notifications).values(part));

  const byStatus: Record<string, number> = {};
  for (const s of sims) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
  return { today, cases: sims.length, byStatus, skipped };
}
