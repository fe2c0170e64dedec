import { describe, expect, test } from 'vitest';
import type { OnlineLevel } from '../catalog/catalog.rules.js';
import { carryFiles, changedFields, EMPTY_FORM, formProblems, mayApplyOnline, missingMaterials, notOnlineMessage, validPhone, type ApplicationFormValues } from './applications.rules.js';

describe('who may apply online', () => {
  test.each<[OnlineLevel, boolean]>([
    ['none', false],
    ['consult', false],
    ['book', false],
    ['apply', true],
    ['full', true],
  ])('online level %s → %s', (level, ok) => expect(mayApplyOnline(level)).toBe(ok));

  test.each<[OnlineLevel, boolean, string]>([
    ['book', false, '「社保卡注销」网上预约，暂不能网上申报；可以在网上预约后到青山镇便民服务中心窗口办理'],
    ['consult', true, '「社保卡注销」网上咨询，暂不能网上申报；可以先在网上咨询，再到青山镇便民服务中心窗口办理，也可以请村代办员代办'],
    ['none', false, '「社保卡注销」暂不支持网办，暂不能网上申报；请到青山镇便民服务中心窗口办理'],
  ])('the refusal of %s (agent %s) says how to apply instead', (level, agent, text) => {
    expect(notOnlineMessage('社保卡注销', level, '青山镇便民服务中心', agent)).toBe(text);
  });
});

describe('before a submission', () => {
  const materials = [
    { key: 'application', name: '申请表', necessity: 'required' as const },
    { key: 'id-card', name: '居民身份证', necessity: 'required' as const },
    { key: 'hukou', name: '居民户口簿', necessity: 'optional' as const },
    { key: 'disability-card', name: '残疾人证', necessity: 'deferrable' as const },
    { key: 'ss-card', name: '社会保障卡', necessity: 'required' as const },
  ];

  test.each<[string[], string[]]>([
    [[], ['application', 'id-card', 'ss-card']],
    [['id-card'], ['application', 'ss-card']],
    [['hukou', 'disability-card'], ['application', 'id-card', 'ss-card']],
    [['application', 'id-card', 'ss-card'], []],
    [['application', 'id-card', 'ss-card', 'unknown'], []],
  ])('uploaded %j → every 必要 material missing listed: %j', (uploaded, missing) => {
    expect(missingMaterials(materials, uploaded).map((m) => m.key)).toEqual(missing);
  });

  const form = (o: Partial<ApplicationFormValues>): ApplicationFormValues => ({ ...EMPTY_FORM, ...o });
  test.each<[Partial<ApplicationFormValues>, string[]]>([
    [{ phone: '13903990001' }, []],
    [{ phone: '0399-1234567' }, []],
    [{ phone: '' }, ['form.phone']],
    [{ phone: '12345' }, ['form.phone']],
    [{ phone: '13903990001', deliveryMethod: 'post' }, ['form.deliveryAddress']],
    [{ phone: '13903990001', deliveryMethod: 'post', deliveryAddress: '青山村3组' }, []],
    [{ phone: '', deliveryMethod: 'post' }, ['form.phone', 'form.deliveryAddress']],
    [{ phone: '13903990001', deliveryMethod: 'electronic' }, []],
  ])('form %j → problems at %j', (o, paths) => {
    expect(formProblems(form(o)).map((p) => p.path)).toEqual(paths);
  });

  test.each<[string, boolean]>([
    ['13903990001', true],
    [' 13903990001 ', true],
    ['23903990001', false],
    ['010-88886666', true],
    ['1390399000', false],
  ])('phone %s valid: %s', (p, ok) => expect(validPhone(p)).toBe(ok));

  test('changed fields name only what differs', () => {
    const a = form({ phone: '13903990001', address: '青山村' });
    expect(changedFields(a, { ...a })).toEqual([]);
    expect(changedFields(a, { ...a, address: '青山村3组', deliveryMethod: 'post' })).toEqual(['address', 'deliveryMethod']);
  });
});

describe('a new guide version', () => {
  test('uploads stay with materials whose key survives; others are dropped', () => {
    const files = [
      { materialKey: 'id-card', fileId: 'a' },
      { materialKey: 'id-card', fileId: 'b' },
      { materialKey: 'hukou', fileId: 'c' },
      { materialKey: 'old-form', fileId: 'd' },
    ];
    const r = carryFiles(files, [{ key: 'id-card' }, { key: 'hukou' }, { key: 'new-proof' }]);
    expect(r.kept.map((f) => f.fileId)).toEqual(['a', 'b', 'c']);
    expect(r.dropped.map((f) => f.fileId)).toEqual(['d']);
  });
});
