import type { Guide } from '../../shared/types';
import { promiseText } from './catalog/labels';

/** Digits of a phone number one by one (「0 3 9 9，8 6 0 1 …」), as people read them out. */
export const spokenPhone = (phone: string): string =>
  phone
    .replace(/[^\d-]/g, '')
    .split('-')
    .map((p) => p.split('').join(' '))
    .join('，');

const yuan = (fen: number) => `${(fen / 100).toFixed(2).replace(/\.00$/, '')}元`;

/**
 * What 朗读 reads of a guide, in the order a villager needs it: the item, the conditions, the
 * materials, how long it takes, the fee, where to go (with hours and phone).
 */
export function guideReading(g: Guide): string[] {
  const c = g.content;
  const parts: string[] = [`办事指南：${c.name}。`];
  parts.push(c.conditions.length ? `办理条件：${c.conditions.map((x, i) => `第${i + 1}条，${x}`).join('；')}。` : '办理条件：没有特别条件。');
  parts.push(
    g.materials.length
      ? `要带的材料，一共${g.materials.length}项。${g.materials
          .map((m, i) => `第${i + 1}项，${m.name}，${m.necessityLabel}，${m.formLabel}${m.form !== 'electronic' && m.copies > 0 ? `${m.copies}份` : ''}`)
          .join('；')}。`
      : '不用交材料。',
  );
  parts.push(`办理时限：${promiseText(c.handlingType, c.promisedDays)}。${g.labels.visits}。`);
  parts.push(c.fees.length === 0 ? '收费：不收费。' : `收费：${c.fees.map((f) => `${f.name}${yuan(f.amountFen)}`).join('；')}。`);
  if (g.acceptPlaces.length) {
    parts.push(
      `到哪里办：${g.acceptPlaces
        .map((p) => [p.name, p.address && `地址，${p.address}`, p.hours && `办公时间，${p.hours}`, p.phone && `电话，${spokenPhone(p.phone)}`].filter(Boolean).join('，'))
        .join('；或者，')}。`,
    );
  } else {
    const phone = c.phone || g.center.phone;
    parts.push(`到哪里办：${c.place || g.center.name}${c.hours || g.center.hours ? `，办公时间，${c.hours || g.center.hours}` : ''}${phone ? `，电话，${spokenPhone(phone)}` : ''}。`);
  }
  if (c.agentEligible) parts.push('这件事可以请村里的代办员帮您办。');
  return parts;
}
