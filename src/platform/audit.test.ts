import { describe, expect, test } from 'vitest';
import { canonicalJson, chainHash, diffFields, GENESIS_HASH, type HashedFields } from './audit.js';
import { maskIdNumber, maskPhone, sm3 } from './crypto.js';

const row = (over: Partial<HashedFields> = {}): HashedFields => ({
  at: '2026-11-23T08:00:00.000Z',
  actorId: null,
  actorName: '张三(town.clerk)',
  actorRole: 'window_clerk',
  ip: '10.0.0.1',
  action: 'auth.login',
  objectType: 'session',
  objectId: 's1',
  outcome: 'success',
  changes: null,
  details: { b: 1, a: [2, { d: 1, c: 2 }] },
  countyId: null,
  ...over,
});

describe('SM3', () => {
  test('matches the GB/T 32905 test vector for "abc"', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
});

describe('hash chain', () => {
  test('canonical JSON sorts keys at every depth (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: [3, { f: 1, e: 2 }] } })).toBe('{"a":{"c":[3,{"e":2,"f":1}],"d":1},"b":1}');
  });

  test('the same row hashes the same regardless of key order', () => {
    const a = chainHash(GENESIS_HASH, row());
    const b = chainHash(GENESIS_HASH, row({ details: { a: [2, { c: 2, d: 1 }], b: 1 } }));
    expect(a).toBe(b);
  });

  test.each<[string, Partial<HashedFields>]>([
    ['actor', { actorName: '李四' }],
    ['outcome', { outcome: 'failure' }],
    ['time', { at: '2026-11-23T08:00:00.001Z' }],
    ['details', { details: { b: 2, a: [2, { d: 1, c: 2 }] } }],
  ])('changing the %s changes the hash', (_f, over) => {
    expect(chainHash(GENESIS_HASH, row(over))).not.toBe(chainHash(GENESIS_HASH, row()));
  });

  test('each hash depends on the previous one', () => {
    const h1 = chainHash(GENESIS_HASH, row());
    expect(chainHash(h1, row())).not.toBe(chainHash(GENESIS_HASH, row()));
  });
});

describe('diffFields', () => {
  test('records only changed fields and masks personal data', () => {
    const d = diffFields<Record<string, unknown>>(
      { name: '甲', phone: '13812345678', idNumber: '11010519491231002X', hours: 'x' },
      { name: '乙', phone: '13987654321', idNumber: '11010519491231002X', hours: 'x' },
      ['name', 'phone', 'idNumber', 'hours'],
      { phone: 'phone', idNumber: 'id' },
    );
    expect(d).toEqual({ name: { before: '甲', after: '乙' }, phone: { before: '138****5678', after: '139****4321' } });
  });

  test('masks', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
