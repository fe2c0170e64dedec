import { describe, expect, test } from 'vitest';
import type { Actor, ActorGrant } from './auth-context.js';
import { abilities, can, mayAttempt, scopeFor, authorize } from './policy.js';
import { Forbidden, NotFound } from './errors.js';
import type { Role } from './roles.js';

const COUNTY = '/c/';
const TOWN_A = '/c/a/';
const TOWN_B = '/c/b/';
const VILLAGE_A1 = '/c/a/a1/';

const actor = (...grants: Partial<ActorGrant & { role: Role }>[]): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'U',
  kind: 'staff',
  sessionId: 's',
  grants: grants.map((g) => ({ role: g.role!, regionPath: g.regionPath ?? null, regionId: null, centerId: g.centerId ?? null, countyId: null })),
});

const sysadmin = actor({ role: 'system_admin', regionPath: COUNTY });
const townClerk = actor({ role: 'window_clerk', regionPath: TOWN_A });
const agent = actor({ role: 'village_agent', regionPath: VILLAGE_A1, centerId: 'room-a1' });
const auditor = actor({ role: 'audit_admin', regionPath: COUNTY });
const secadmin = actor({ role: 'security_admin', regionPath: COUNTY });

describe('can(actor, action, object, target)', () => {
  test.each<[string, Actor, Parameters<typeof can>[1], Parameters<typeof can>[2], Parameters<typeof can>[3], boolean]>([
    ['sysadmin creates a center in a township of the county', sysadmin, 'create', 'center', { regionPath: TOWN_B }, true],
    ['sysadmin may not grant roles', sysadmin, 'grant', 'role_grant', { regionPath: TOWN_A }, false],
    ['sysadmin may not read the audit log', sysadmin, 'read', 'audit_log', { regionPath: COUNTY }, false],
    ['clerk reads a center of their township', townClerk, 'read', 'center', { regionPath: TOWN_A, centerId: 'hall-a' }, true],
    ['clerk reads a village room below their township', townClerk, 'read', 'center', { regionPath: VILLAGE_A1, centerId: 'room-a1' }, true],
    ['clerk cannot read another township’s center', townClerk, 'read', 'center', { regionPath: TOWN_B, centerId: 'hall-b' }, false],
    ['clerk cannot read the county hall (above their scope)', townClerk, 'read', 'center', { regionPath: COUNTY, centerId: 'hall-c' }, false],
    ['clerk cannot create centers', townClerk, 'create', 'center', { regionPath: TOWN_A }, false],
    ['agent reads their own village room', agent, 'read', 'center', { regionPath: VILLAGE_A1, centerId: 'room-a1' }, true],
    ['agent cannot read the township hall', agent, 'read', 'center', { regionPath: TOWN_A, centerId: 'hall-a' }, false],
    ['agent reads their own village region node', agent, 'read', 'region', { regionPath: VILLAGE_A1 }, true],
    ['auditor verifies the chain in the county', auditor, 'verify', 'audit_log', { regionPath: COUNTY }, true],
    ['auditor cannot touch the organisation', auditor, 'update', 'center', { regionPath: TOWN_A }, false],
    ['secadmin changes settings (any)', secadmin, 'update', 'security_settings', {}, true],
    ['secadmin grants within the county', secadmin, 'grant', 'role_grant', { regionPath: TOWN_A }, true],
    ['secadmin cannot grant in another county', secadmin, 'grant', 'role_grant', { regionPath: '/other/' }, false],
  ])('%s', (_name, who, action, object, target, expected) => {
    expect(can(who, action, object, target)).toBe(expected);
  });

  test('region paths end with a slash, so a sibling whose id extends another is outside', () => {
    expect(can(actor({ role: 'window_clerk', regionPath: '/c/a/' }), 'read', 'center', { regionPath: '/c/ab/' })).toBe(false);
  });
});

describe('authorize: 403 when the role may never do it, 404 when the object is outside scope', () => {
  test('no permission at all → Forbidden', () => {
    expect(() => authorize(townClerk, 'create', 'center', { regionPath: TOWN_A })).toThrow(Forbidden);
  });
  test('out of scope → NotFound', () => {
    expect(() => authorize(townClerk, 'read', 'center', { regionPath: TOWN_B })).toThrow(NotFound);
  });
  test('in scope → passes', () => {
    expect(() => authorize(townClerk, 'read', 'center', { regionPath: TOWN_A })).not.toThrow();
  });
});

describe('scopeFor and abilities', () => {
  test('query scope collects prefixes, centers and exact regions', () => {
    const both = actor({ role: 'window_clerk', regionPath: TOWN_A }, { role: 'village_agent', regionPath: VILLAGE_A1, centerId: 'room-a1' });
    expect(scopeFor(both, 'read', 'center')).toEqual({ all: false, regionPaths: [TOWN_A], centerIds: ['room-a1'], exactRegionPaths: [VILLAGE_A1] });
    expect(scopeFor(townClerk, 'read', 'audit_log')).toEqual({ all: false, regionPaths: [], centerIds: [], exactRegionPaths: [] });
    expect(scopeFor(secadmin, 'update', 'security_settings').all).toBe(true);
  });

  test('abilities list what the menus may show', () => {
    expect(abilities(auditor)).toEqual(['audit_log.export', 'audit_log.read', 'audit_log.verify']);
    expect(abilities(sysadmin)).toContain('staff.create');
    expect(abilities(sysadmin)).not.toContain('role_grant.grant');
    expect(mayAttempt(actor({ role: 'citizen' }), 'read', 'center')).toBe(false);
  });
});
