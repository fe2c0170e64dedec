import { ONLINE_LEVELS, type Material, type OnlineLevel } from '../catalog/catalog.rules.js';

/**
 * Pure rules of online applications (网上申报): who may apply online, what must be in before a
 * submission, which uploads survive a new guide version. Table-tested in applications.rules.test.ts.
 */

export const APPLICATION_STATUSES = { draft: '草稿', submitted: '已提交', discarded: '已删除' } as const;
export type ApplicationStatus = keyof typeof APPLICATION_STATUSES;

/** Online levels (网办深度) at which a citizen can hand in an application from the portal. */
export const ONLINE_APPLY_LEVELS: readonly OnlineLevel[] = ['apply', 'full'];
export const mayApplyOnline = (level: OnlineLevel): boolean => ONLINE_APPLY_LEVELS.includes(level);

/** How the citizen can apply instead when the item cannot be applied for online. */
export function notOnlineMessage(itemName: string, level: OnlineLevel, centerName: string, agentEligible: boolean): string {
  const agent = agentEligible ? '，也可以请村代办员代办' : '';
  const how =
    level === 'book'
      ? `可以在网上预约后到${centerName}窗口办理${agent}`
      : level === 'consult'
        ? `可以先在网上咨询，再到${centerName}窗口办理${agent}`
        : `请到${centerName}窗口办理${agent}`;
  return `「${itemName}」${ONLINE_LEVELS[level]}，暂不能网上申报；${how}`;
}

/** Delivery of the result a citizen can choose online (代办员转交 is for agent cases only). */
export const APPLY_DELIVERY_METHODS = { window: '窗口领取', post: '邮寄送达', electronic: '电子送达' } as const;
export type ApplyDeliveryMethod = keyof typeof APPLY_DELIVERY_METHODS;

/** Uploads per material (a few pages of a document, front and back of a card). */
export const MAX_FILES_PER_MATERIAL = 10;

const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export const validPhone = (v: string): boolean => PHONE_RE.test(v.trim());

/** The form of an application as the citizen fills it in (contact, note, delivery). */
export type ApplicationFormValues = {
  phone: string;
  address: string;
  note: string;
  deliveryMethod: ApplyDeliveryMethod;
  deliveryAddress: string;
};

export const EMPTY_FORM: ApplicationFormValues = { phone: '', address: '', note: '', deliveryMethod: 'window', deliveryAddress: '' };

/** 必要 materials without any uploaded file, in the guide's order (all of them, not just the first). */
export function missingMaterials(materials: readonly Pick<Material, 'key' | 'name' | 'necessity'>[], uploadedKeys: Iterable<string>): { key: string; name: string }[] {
  const have = new Set(uploadedKeys);
  return materials.filter((m) => m.necessity === 'required' && !have.has(m.key)).map(({ key, name }) => ({ key, name }));
}

/** What the form still lacks before it can be submitted, as field errors. */
export function formProblems(f: ApplicationFormValues): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!f.phone.trim()) out.push({ path: 'form.phone', message: '请填写联系电话，方便工作人员联系您' });
  else if (!validPhone(f.phone)) out.push({ path: 'form.phone', message: '联系电话格式不正确' });
  if (f.deliveryMethod === 'post' && !f.deliveryAddress.trim()) out.push({ path: 'form.deliveryAddress', message: '邮寄送达请填写收件地址' });
  return out;
}

/** Names of the form fields that differ (a save that changes nothing writes nothing). */
export function changedFields(before: ApplicationFormValues, after: ApplicationFormValues): (keyof ApplicationFormValues)[] {
  return (Object.keys(EMPTY_FORM) as (keyof ApplicationFormValues)[]).filter((k) => before[k] !== after[k]);
}

/**
 * Moving a draft to a newer guide version: uploads stay with materials whose key still exists, the
 * others are dropped (the citizen re-checks the list).
 */
export function carryFiles<F extends { materialKey: string }>(files: readonly F[], materials: readonly Pick<Material, 'key'>[]): { kept: F[]; dropped: F[] } {
  const keys = new Set(materials.map((m) => m.key));
  return { kept: files.filter((f) => keys.has(f.materialKey)), dropped: files.filter((f) => !keys.has(f.materialKey)) };
}
