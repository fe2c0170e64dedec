import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { Crypto, maskIdNumber, maskPhone } from '../platform/crypto.js';
import { newId } from '../platform/ids.js';
import type { Role } from '../platform/roles.js';
import { hashPassword } from '../modules/auth/auth.password.js';
import { roleGrants, users } from '../modules/auth/auth.tables.js';
import { centers, regions } from '../modules/org/org.tables.js';
import { idNumberCheckChar } from '../modules/validate/validate.rules.js';

/**
 * A small world for auth tests, independent of the demo seed: one county with two townships,
 * and one account per role. Every account's password is `Test@2026x`.
 */
export const FIXTURE_PASSWORD = 'Test@2026x';
export const FIXTURE_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface AuthFixture {
  countyId: string;
  townAId: string;
  townBId: string;
  centerAId: string;
  centerBId: string;
  users: Record<string, string>;
}

export const fixtureId = (serial: number): string => {
  const first17 = `13019919800101${String(serial).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};

export async function seedAuthFixture(db: Db, config: Config): Promise<AuthFixture> {
  const crypto = new Crypto(config.secret);
  const countyId = newId();
  const townAId = newId();
  const townBId = newId();
  const centerAId = newId();
  const centerBId = newId();
  const hash = await hashPassword(FIXTURE_PASSWORD);
  await db.insert(regions).values([
    { id: countyId, countyId, level: 'county', code: '130199000000', name: '测试县', path: `/${countyId}/` },
    { id: townAId, parentId: countyId, countyId, level: 'township', code: '130199001000', name: '甲镇', path: `/${countyId}/${townAId}/` },
    { id: townBId, parentId: countyId, countyId, level: 'township', code: '130199002000', name: '乙镇', path: `/${countyId}/${townBId}/` },
  ]);
  await db.insert(centers).values([
    { id: centerAId, regionId: townAId, countyId, level: 'township', name: '甲镇便民服务中心' },
    { id: centerBId, regionId: townBId, countyId, level: 'township', name: '乙镇便民服务中心' },
  ]);
  const accounts: [string, Role | null, string | null, boolean][] = [
    ['sys', 'system_admin', countyId, true],
    ['sec', 'security_admin', countyId, true],
    ['aud', 'audit_admin', countyId, true],
    ['clerkA', 'window_clerk', townAId, false],
    ['clerkB', 'window_clerk', townBId, false],
    ['plain', null, null, false],
    ['plain2', null, null, false],
  ];
  const ids: Record<string, string> = {};
  let serial = 1;
  for (const [username, role, scope, admin] of accounts) {
    const id = newId();
    ids[username] = id;
    const idNumber = fixtureId(serial);
    const phone = `1380000${String(serial).padStart(4, '0')}`;
    serial++;
    await db.insert(users).values({
      id,
      kind: 'staff',
      username,
      displayName: `测试${username}`,
      passwordHash: hash,
      idNumberEnc: crypto.encrypt(idNumber),
      idNumberIdx: crypto.index(idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      phoneEnc: crypto.encrypt(phone),
      phoneIdx: crypto.index(phone),
      phoneMasked: maskPhone(phone),
      countyId,
      homeRegionId: scope && scope !== countyId ? scope : countyId,
      totpSecretEnc: admin ? crypto.encrypt(FIXTURE_TOTP) : null,
    });
    if (role) await db.insert(roleGrants).values({ userId: id, role, scopeRegionId: scope });
  }
  return { countyId, townAId, townBId, centerAId, centerBId, users: ids };
}
