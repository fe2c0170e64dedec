/**
 * Pure rules of the agent app (no I/O): the consent statement the villager signs, what the sync
 * engine does with each kind of answer, the retry back-off, and the `data` of a matter's upload.
 * Table-tested in rules.test.ts (which also parses the output with the server's own zod contract).
 */
import { validateIdNumber } from '../../../../src/modules/validate/validate.rules';
import type { ConfirmMethod, MandateData } from './types';

/** The server takes at most 30 files in one request: the consent plus up to 29 material photos. */
export const MAX_MATERIAL_PHOTOS = 29;

/** Suffixes of a village room's name that are not part of the village's own name. */
const ROOM_SUFFIX = /(便民服务室|便民服务站|综合服务站|服务室|服务站|代办点)$/;

/** 「青山村便民服务室」→「青山村」, 「青山」→「青山村」, 「东关社区」 stays. */
export function villageLabel(name: string): string {
  const base = name.trim().replace(ROOM_SUFFIX, '');
  if (!base) return '本村';
  return /(村|社区|居委会|嘎查)$/.test(base) ? base : `${base}村`;
}

/**
 * 委托声明: 本人 X 自愿委托 Y（Z村代办员）代为办理「事项」，同意其收集、提交本人的办事材料并领取办理结果。
 * Shown on the device, signed by the villager and sent to the server word for word.
 */
export function consentStatement(p: { villagerName: string; agentName: string; villageName: string; itemName: string }): string {
  const who = p.villagerName.trim() || '＿＿＿';
  return `本人 ${who} 自愿委托 ${p.agentName}（${villageLabel(p.villageName)}代办员）代为办理「${p.itemName}」，同意其收集、提交本人的办事材料并领取办理结果。`;
}

/** What the sync engine does after an upload failed. */
export type FailureAction =
  /** The session expired (often while offline): keep everything, ask to sign in again. */
  | 'login'
  /** Network down, timeout, server trouble, rate limit: try again later with back-off. */
  | 'retry'
  /** The server refused the matter (validation, guide changed…): the agent must fix or delete it. */
  | 'conflict';

/** Refusals that only mean "not now": the same clientId is being saved by another request. */
const RETRY_CODES = new Set(['AGENCY_SYNC_IN_PROGRESS']);

export function classifyFailure(status: number, code = ''): FailureAction {
  if (status === 401) return 'login';
  if (RETRY_CODES.has(code)) return 'retry';
  if (status === 0 || status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  return 'conflict';
}

export const RETRY_BASE_MS = 5_000;
export const RETRY_MAX_MS = 5 * 60_000;

/**
 * Wait before the n-th retry (n ≥ 1): 5 s, 10 s, 20 s … capped at 5 minutes; `jitter` in [0, 1)
 * adds up to a fifth so several phones coming back online do not all knock at once.
 */
export function backoffMs(attempt: number, jitter = 0): number {
  const n = Math.max(1, Math.floor(attempt));
  const base = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(n - 1, 20));
  return Math.round(base * (1 + Math.min(Math.max(jitter, 0), 0.999) * 0.2));
}

/** The fields of a registered matter that go into `data` (files travel as multipart parts). */
export interface MatterFields {
  clientId: string;
  item: { id: string; version: number };
  villager: { name: string; idNumber: string; phone: string; address: string };
  consent: { method: ConfirmMethod; statement: string; signedAt: string };
  collectedAt: string;
  notes: string;
}

export function mandateData(m: MatterFields): MandateData {
  return {
    clientId: m.clientId,
    itemId: m.item.id,
    itemVersion: m.item.version,
    villager: {
      name: m.villager.name.trim(),
      idNumber: m.villager.idNumber.trim().toUpperCase(),
      phone: m.villager.phone.trim(),
      address: m.villager.address.trim(),
    },
    consent: { method: m.consent.method, statement: m.consent.statement, signedAt: m.consent.signedAt },
    collectedAt: m.collectedAt,
    notes: m.notes.trim(),
    submit: true,
  };
}

/** Multipart field of a material photo. */
export const materialField = (key: string): string => `material:${key}`;

/** Mainland mobile number, as the contract checks it. */
export const PHONE_RE = /^1[3-9]\d{9}$/;

/** The materials a matter still lacks a photo of, among those marked 必要. */
export function missingRequired(materials: { key: string; name: string; necessity: string }[], photos: Record<string, unknown[] | undefined>): string[] {
  return materials.filter((m) => m.necessity === 'required' && !(photos[m.key]?.length ?? 0)).map((m) => m.name);
}

/** Search the cached 代办事项清单 by any words of the name, the department or the center. */
export function matchItem(item: { name: string; departmentName: string; centerName: string }, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = `${item.name} ${item.departmentName} ${item.centerName}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** How a matter stands against the 3-working-day rule (materials to reach the township). */
export function timelinessText(t: { dueOn: string; submittedOn: string | null; remaining: number | null; late: boolean; daysLate?: number }): { text: string; tone: 'ok' | 'warn' | 'late' } {
  const days = t.daysLate && t.daysLate > 0 ? t.daysLate : t.remaining !== null && t.remaining < 0 ? -t.remaining : 0;
  if (t.submittedOn) {
    if (!t.late) return { text: `${t.submittedOn} 已送达乡镇`, tone: 'ok' };
    return { text: `${t.submittedOn} 送达乡镇（${days ? `超期 ${days} 个工作日，` : ''}时限 ${t.dueOn}）`, tone: 'late' };
  }
  const r = t.remaining;
  if (t.late || (r !== null && r < 0)) return { text: `已超期${days ? ` ${days} 个工作日` : ''}：应于 ${t.dueOn} 前送达乡镇`, tone: 'late' };
  if (r === 0) return { text: `今天（${t.dueOn}）须送达乡镇`, tone: 'warn' };
  if (r === null) return { text: `应于 ${t.dueOn} 前送达乡镇`, tone: 'ok' };
  return { text: `应于 ${t.dueOn} 前送达乡镇（还剩 ${r} 个工作日）`, tone: r <= 1 ? 'warn' : 'ok' };
}

/** Which list a mandate belongs to on 我的代办. */
export type MandateBucket = 'active' | 'correcting' | 'handover' | 'done';
export function mandateBucket(m: { status: string; case: { status: string; delivered: boolean } | null }): MandateBucket {
  if (m.status === 'handed_over' || m.status === 'cancelled') return 'done';
  if (m.case?.status === 'correcting') return 'correcting';
  if (m.case?.delivered) return 'handover';
  if (m.case && ['rejected', 'returned', 'withdrawn'].includes(m.case.status)) return 'done';
  return 'active';
}

/** 领取确认: what the villager (or whoever collects for them) signs at the hand-over. */
export function handoverStatement(p: { receiver: string; agentName: string; itemName: string; caseNo: string | null }): string {
  const who = p.receiver.trim() || '＿＿＿';
  return `本人 ${who} 已从代办员 ${p.agentName} 处领取「${p.itemName}」的办理结果${p.caseNo ? `（办件编号 ${p.caseNo}）` : ''}，特此确认。`;
}

export type VillagerField = 'name' | 'idNumber' | 'phone' | 'address';

/** The villager as the device checks it before saving (the same rules as the server's contract). */
export function villagerErrors(v: { name: string; idNumber: string; phone: string; address: string }): Partial<Record<VillagerField, string>> {
  const e: Partial<Record<VillagerField, string>> = {};
  const name = v.name.trim();
  if (!name) e.name = '请填写群众姓名';
  else if (name.length > 50) e.name = '姓名不能超过50个字';
  const id = v.idNumber.trim();
  if (!id) e.idNumber = '请填写身份证号码';
  else {
    const r = validateIdNumber(id);
    if (!r.valid) e.idNumber = r.reason ?? '身份证号码不正确';
  }
  const phone = v.phone.trim();
  if (!phone) e.phone = '请填写手机号码';
  else if (!PHONE_RE.test(phone)) e.phone = '请填写11位手机号码';
  if (v.address.trim().length > 200) e.address = '住址不能超过200个字';
  return e;
}
