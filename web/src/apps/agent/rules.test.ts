import { describe, expect, test } from 'vitest';
import { MandateData } from '../../../../src/modules/agency/agency.contract';
import { makeIdNumber } from '../../../../src/modules/seed/codes';
import {
  backoffMs,
  classifyFailure,
  consentStatement,
  handoverStatement,
  mandateBucket,
  mandateData,
  matchItem,
  missingRequired,
  RETRY_MAX_MS,
  timelinessText,
  villageLabel,
  villagerErrors,
  type MatterFields,
} from './rules';

describe('villageLabel', () => {
  test.each([
    ['青山村便民服务室', '青山村'],
    ['青山村', '青山村'],
    ['青山', '青山村'],
    ['东关社区便民服务站', '东关社区'],
    ['  河西村代办点 ', '河西村'],
    ['', '本村'],
  ])('%s → %s', (name, label) => expect(villageLabel(name)).toBe(label));
});

test('the consent statement names the villager, the agent, the village and the item', () => {
  expect(consentStatement({ villagerName: ' 张三 ', agentName: '王秀英', villageName: '青山村便民服务室', itemName: '城乡居民养老保险参保登记' })).toBe(
    '本人 张三 自愿委托 王秀英（青山村代办员）代为办理「城乡居民养老保险参保登记」，同意其收集、提交本人的办事材料并领取办理结果。',
  );
  expect(consentStatement({ villagerName: '', agentName: '王秀英', villageName: '青山', itemName: 'X' })).toContain('本人 ＿＿＿ 自愿委托');
});

test('the hand-over statement names the receiver and the case number', () => {
  expect(handoverStatement({ receiver: '李四', agentName: '王秀英', itemName: '低保申请', caseNo: '1301992026010100001' })).toBe(
    '本人 李四 已从代办员 王秀英 处领取「低保申请」的办理结果（办件编号 1301992026010100001），特此确认。',
  );
  expect(handoverStatement({ receiver: '李四', agentName: '王秀英', itemName: '低保申请', caseNo: null })).not.toContain('办件编号');
});

describe('classifyFailure: what the sync engine does with an answer', () => {
  test.each([
    [0, 'retry'], // network down / timeout
    [401, 'login'], // session expired while offline: keep everything
    [400, 'conflict'], // validation: the agent must fix it
    [403, 'conflict'],
    [404, 'conflict'],
    [409, 'conflict'], // e.g. AGENCY_CLIENT_ID_REUSED
    [413, 'conflict'],
    [422, 'conflict'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
  ] as const)('HTTP %i → %s', (status, action) => expect(classifyFailure(status)).toBe(action));
  test('the same clientId being saved by another request is retried, not a conflict', () => {
    expect(classifyFailure(409, 'AGENCY_SYNC_IN_PROGRESS')).toBe('retry');
    expect(classifyFailure(409, 'AGENCY_CLIENT_ID_REUSED')).toBe('conflict');
  });
});

describe('backoffMs', () => {
  test.each([
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [6, 160_000],
    [7, RETRY_MAX_MS],
    [50, RETRY_MAX_MS],
    [0, 5_000],
  ])('attempt %i waits %i ms', (attempt, ms) => expect(backoffMs(attempt)).toBe(ms));
  test('jitter adds at most a fifth', () => {
    expect(backoffMs(1, 0.5)).toBe(5_500);
    expect(backoffMs(1, 5)).toBeLessThan(6_000);
    expect(backoffMs(1, -1)).toBe(5_000);
  });
});

describe('mandateData', () => {
  const fields: MatterFields = {
    clientId: '0195f3a2-7c1e-7d40-8a9b-3c2d1e0f4a5b',
    item: { id: '0195f3a2-7c1e-7d40-8a9b-3c2d1e0f4a5c', version: 3 },
    villager: { name: ' 张三 ', idNumber: makeIdNumber('130199', '19600101', 17).toLowerCase(), phone: '13903990001 ', address: ' 青山村三组 ' },
    consent: { method: 'signature', statement: '本人 张三 自愿委托…', signedAt: '2026-03-02T09:15:00.000Z' },
    collectedAt: '2026-03-02T09:20:00.000Z',
    notes: ' 原件已核验 ',
  };

  test('is what the server contract accepts, trimmed, with submit on', () => {
    const data = mandateData(fields);
    const parsed = MandateData.parse(data);
    expect(parsed).toMatchObject({
      clientId: fields.clientId,
      itemId: fields.item.id,
      itemVersion: 3,
      villager: { name: '张三', phone: '13903990001', address: '青山村三组' },
      notes: '原件已核验',
      submit: true,
    });
    expect(parsed.villager.idNumber).toMatch(/^\d{17}[\dX]$/);
  });

  test('an ID number with a wrong check digit fails the server contract too', () => {
    const good = makeIdNumber('130199', '19600101', 17);
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    expect(MandateData.safeParse(mandateData({ ...fields, villager: { ...fields.villager, idNumber: bad } })).success).toBe(false);
  });
});

test('missingRequired lists the 必要 materials without a photo', () => {
  const materials = [
    { key: 'id', name: '身份证', necessity: 'required' },
    { key: 'hukou', name: '户口簿', necessity: 'required' },
    { key: 'photo', name: '照片', necessity: 'optional' },
    { key: 'proof', name: '证明', necessity: 'deferrable' },
  ];
  expect(missingRequired(materials, { id: [{}], hukou: [] })).toEqual(['户口簿']);
  expect(missingRequired(materials, { id: [{}], hukou: [{}] })).toEqual([]);
});

test('matchItem finds items by any words of name, department or center', () => {
  const item = { name: '城乡居民养老保险参保登记', departmentName: '人社所', centerName: '青山镇便民服务中心' };
  expect(matchItem(item, '')).toBe(true);
  expect(matchItem(item, '养老 人社')).toBe(true);
  expect(matchItem(item, '养老 民政')).toBe(false);
});

describe('timelinessText: the 3-working-day rule', () => {
  test.each([
    [{ dueOn: '2026-03-05', submittedOn: null, remaining: 3, late: false }, 'ok', '应于 2026-03-05 前送达乡镇（还剩 3 个工作日）'],
    [{ dueOn: '2026-03-05', submittedOn: null, remaining: 1, late: false }, 'warn', '还剩 1 个工作日'],
    [{ dueOn: '2026-03-05', submittedOn: null, remaining: 0, late: false }, 'warn', '今天（2026-03-05）须送达乡镇'],
    [{ dueOn: '2026-03-05', submittedOn: null, remaining: -2, late: true }, 'late', '已超期 2 个工作日'],
    [{ dueOn: '2026-03-05', submittedOn: '2026-03-03', remaining: null, late: false }, 'ok', '2026-03-03 已送达乡镇'],
    [{ dueOn: '2026-03-05', submittedOn: '2026-03-09', remaining: null, late: true, daysLate: 2 }, 'late', '2026-03-09 送达乡镇（超期 2 个工作日，时限 2026-03-05）'],
    [{ dueOn: '2026-03-05', submittedOn: null, remaining: -1, late: true, daysLate: 1 }, 'late', '已超期 1 个工作日'],
  ] as const)('%o → %s', (t, tone, text) => {
    const r = timelinessText(t);
    expect(r.tone).toBe(tone);
    expect(r.text).toContain(text);
  });
});

describe('mandateBucket', () => {
  test.each([
    [{ status: 'registered', case: null }, 'active'],
    [{ status: 'submitted', case: { status: 'accepted', delivered: false } }, 'active'],
    [{ status: 'submitted', case: { status: 'correcting', delivered: false } }, 'correcting'],
    [{ status: 'submitted', case: { status: 'concluded', delivered: true } }, 'handover'],
    [{ status: 'submitted', case: { status: 'rejected', delivered: false } }, 'done'],
    [{ status: 'handed_over', case: { status: 'concluded', delivered: true } }, 'done'],
    [{ status: 'cancelled', case: null }, 'done'],
  ] as const)('%o → %s', (m, bucket) => expect(mandateBucket(m)).toBe(bucket));
});

describe('villagerErrors: checked on the phone like the server checks it', () => {
  const id = makeIdNumber('130199', '19600101', 17);
  const ok = { name: '张三', idNumber: id, phone: '13903990001', address: '' };
  test.each([
    [ok, {}],
    [{ ...ok, idNumber: id.toLowerCase() }, {}],
    [{ ...ok, name: '  ' }, { name: '请填写群众姓名' }],
    [{ ...ok, idNumber: '' }, { idNumber: '请填写身份证号码' }],
    [{ ...ok, idNumber: id.slice(0, 17) + (id[17] === '1' ? '2' : '1') }, { idNumber: '身份证号码校验位不正确' }],
    [{ ...ok, idNumber: '1301991960' }, { idNumber: '身份证号码应为18位' }],
    [{ ...ok, phone: '1390399000' }, { phone: '请填写11位手机号码' }],
    [{ ...ok, phone: '' }, { phone: '请填写手机号码' }],
    [{ ...ok, address: '村'.repeat(201) }, { address: '住址不能超过200个字' }],
  ])('%o → %o', (v, errors) => expect(villagerErrors(v)).toEqual(errors));

  test('what passes here passes the server contract', () => {
    const data = mandateData({
      clientId: '0195f3a2-7c1e-7d40-8a9b-3c2d1e0f4a5b',
      item: { id: '0195f3a2-7c1e-7d40-8a9b-3c2d1e0f4a5c', version: 1 },
      villager: { ...ok, idNumber: id.toLowerCase() },
      consent: { method: 'photo', statement: 'x', signedAt: '2026-03-02T09:15:00.000+08:00' },
      collectedAt: '2026-03-02T09:20:00.000Z',
      notes: '',
    });
    expect(MandateData.safeParse(data).success).toBe(true);
  });
});
