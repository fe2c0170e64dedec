import type { Actor, ActorGrant, ScopeTarget } from './auth-context.js';
import { Forbidden, OutOfScope } from './errors.js';
import type { Role } from './roles.js';

/**
 * Policies as data: one table of (role, action, object, condition). Services ask `can()` or
 * `scopeFor()`; `/api/auth/me` returns the abilities so the UI shows only what works.
 *
 * Conditions:
 * - `scope`: the object lies in the grant's region subtree or is the grant's center.
 * - `self`:  the object belongs to the caller.
 * - `any`:   no condition (used sparingly, e.g. county-wide security settings).
 */
export type Action =
  | 'read'
  | 'create'
  | 'update'
  | 'deactivate'
  | 'import'
  | 'export'
  | 'grant'
  | 'revoke'
  | 'verify'
  | 'unlock'
  | 'reset_password'
  | 'view_pii'
  | 'submit'
  | 'review'
  | 'withdraw'
  | 'accept'
  | 'decide'
  | 'deliver'
  /** The applicant's side of a case: answer a one-time notice, choose the delivery. */
  | 'supply';
export type ObjectType =
  | 'region'
  | 'center'
  | 'window'
  | 'department'
  | 'stationing'
  | 'staff'
  | 'citizen'
  | 'role_grant'
  | 'security_settings'
  | 'audit_log'
  | 'catalog_basic_item'
  | 'catalog_item'
  | 'case'
  | 'calendar'
  | 'application'
  | 'consultation'
  | 'policy_document'
  | 'agency_mandate'
  | 'agent'
  | 'queue'
  | 'hall_settings'
  | 'window_session'
  | 'appointment';
export type Condition = 'scope' | 'self' | 'any';

export interface PolicyRule {
  role: Role;
  actions: readonly Action[];
  object: ObjectType;
  condition: Condition;
}

const ORG_OBJECTS: readonly ObjectType[] = ['region', 'center', 'window', 'department', 'stationing'];
const ORG_MANAGE: readonly Action[] = ['read', 'create', 'update', 'deactivate', 'import', 'export'];

const orgRead = (role: Role): PolicyRule[] => ORG_OBJECTS.map((object) => ({ role, actions: ['read'], object, condition: 'scope' }));

export const POLICIES: readonly PolicyRule[] = [
  // System admin: organisation and accounts (not role grants, not the audit log).
  ...ORG_OBJECTS.map((object): PolicyRule => ({ role: 'system_admin', actions: ORG_MANAGE, object, condition: 'scope' })),
  { role: 'system_admin', actions: [...ORG_MANAGE, 'reset_password'], object: 'staff', condition: 'scope' },
  { role: 'system_admin', actions: ['read'], object: 'citizen', condition: 'scope' },

  // Security admin: security policy, role grants, unlocking accounts.
  { role: 'security_admin', actions: ['read', 'update'], object: 'security_settings', condition: 'any' },
  { role: 'security_admin', actions: ['read', 'grant', 'revoke'], object: 'role_grant', condition: 'scope' },
  { role: 'security_admin', actions: ['read', 'unlock'], object: 'staff', condition: 'scope' },
  { role: 'security_admin', actions: ['read', 'unlock'], object: 'citizen', condition: 'scope' },
  { role: 'security_admin', actions: ['read'], object: 'region', condition: 'scope' },
  { role: 'security_admin', actions: ['read'], object: 'center', condition: 'scope' },

  // Audit admin: reads, exports and verifies the audit log; nothing else.
  { role: 'audit_admin', actions: ['read', 'export', 'verify'], object: 'audit_log', condition: 'scope' },

  // Business roles read the organisation they work in.
  ...orgRead('supervisor'),
  { role: 'supervisor', actions: ['read'], object: 'staff', condition: 'scope' },
  ...orgRead('center_director'),
  { role: 'center_director', actions: ['read'], object: 'staff', condition: 'scope' },
  { role: 'center_director', actions: ['update'], object: 'window', condition: 'scope' },
  ...orgRead('window_clerk'),
  ...orgRead('approver'),
  { role: 'village_agent', actions: ['read'], object: 'region', condition: 'scope' },
  { role: 'village_agent', actions: ['read'], object: 'center', condition: 'scope' },

  // Service item catalog. 事项管理员 drafts and submits; a different person reviews (the service refuses
  // self-review), either another 事项管理员 or the center director of that scope. Basic items (基本目录)
  // sit at the county region, so only a county-scoped 事项管理员 edits them.
  { role: 'catalog_admin', actions: ['read', 'create', 'update', 'import', 'export'], object: 'catalog_basic_item', condition: 'scope' },
  { role: 'catalog_admin', actions: ['read', 'create', 'update', 'submit', 'review', 'withdraw', 'import', 'export'], object: 'catalog_item', condition: 'scope' },
  { role: 'catalog_admin', actions: ['read'], object: 'department', condition: 'scope' },
  { role: 'catalog_admin', actions: ['read'], object: 'region', condition: 'scope' },
  { role: 'catalog_admin', actions: ['read'], object: 'center', condition: 'scope' },
  { role: 'center_director', actions: ['read', 'review', 'withdraw', 'export'], object: 'catalog_item', condition: 'scope' },
  { role: 'supervisor', actions: ['read', 'export'], object: 'catalog_item', condition: 'scope' },
  { role: 'supervisor', actions: ['read'], object: 'catalog_basic_item', condition: 'scope' },
  { role: 'window_clerk', actions: ['read'], object: 'catalog_item', condition: 'scope' },
  { role: 'approver', actions: ['read'], object: 'catalog_item', condition: 'scope' },
  { role: 'village_agent', actions: ['read'], object: 'catalog_item', condition: 'scope' },

  // Cases (办件). A case is in scope when its receiving center or its handling center is.
  // Window clerks receive, accept, correct, reject and deliver; approvers and directors review and decide.
  { role: 'window_clerk', actions: ['read', 'create', 'accept', 'update', 'deliver', 'withdraw'], object: 'case', condition: 'scope' },
  { role: 'approver', actions: ['read', 'review', 'decide'], object: 'case', condition: 'scope' },
  { role: 'center_director', actions: ['read', 'review', 'decide', 'export'], object: 'case', condition: 'scope' },
  { role: 'supervisor', actions: ['read', 'export'], object: 'case', condition: 'scope' },
  { role: 'village_agent', actions: ['read', 'create', 'supply'], object: 'case', condition: 'scope' },
  { role: 'citizen', actions: ['read', 'withdraw', 'supply'], object: 'case', condition: 'self' },

  // Online hall (网上办事大厅): a citizen's own applications and questions.
  { role: 'citizen', actions: ['read', 'create', 'update'], object: 'application', condition: 'self' },
  { role: 'citizen', actions: ['read', 'create'], object: 'consultation', condition: 'self' },
  // Staff of the asked center answer (update); directors and 事项管理员 publish answers to the FAQ (review).
  { role: 'window_clerk', actions: ['read', 'update'], object: 'consultation', condition: 'scope' },
  { role: 'center_director', actions: ['read', 'update', 'review'], object: 'consultation', condition: 'scope' },
  { role: 'catalog_admin', actions: ['read', 'review'], object: 'consultation', condition: 'scope' },
  { role: 'supervisor', actions: ['read'], object: 'consultation', condition: 'scope' },
  // Policy documents (文件查阅): published by the county or a township; reading published ones is public.
  { role: 'catalog_admin', actions: ['read', 'create', 'update', 'withdraw'], object: 'policy_document', condition: 'scope' },
  { role: 'center_director', actions: ['read', 'create', 'update', 'withdraw'], object: 'policy_document', condition: 'scope' },
  { role: 'supervisor', actions: ['read'], object: 'policy_document', condition: 'scope' },

  // Village agency (全程代办). An agent works for the villagers of their own village room only, and prints its monthly ledger.
  { role: 'village_agent', actions: ['read', 'create', 'update', 'export'], object: 'agency_mandate', condition: 'scope' },
  { role: 'window_clerk', actions: ['read', 'export'], object: 'agency_mandate', condition: 'scope' },
  { role: 'center_director', actions: ['read', 'export'], object: 'agency_mandate', condition: 'scope' },
  { role: 'supervisor', actions: ['read', 'export'], object: 'agency_mandate', condition: 'scope' },
  // Agents of the villages and their training records: township staff see them, directors keep records.
  { role: 'window_clerk', actions: ['read'], object: 'agent', condition: 'scope' },
  { role: 'center_director', actions: ['read', 'update'], object: 'agent', condition: 'scope' },
  { role: 'supervisor', actions: ['read'], object: 'agent', condition: 'scope' },
  { role: 'village_agent', actions: ['read'], object: 'agent', condition: 'scope' },

  // Halls (取号叫号, 预约, 考勤). Clerks run their window (take desk tickets, call, serve, link cases) and
  // sign in/out of windows; directors also configure categories, caps, priority rules, appointment
  // sessions and rosters, and read attendance and load. Supervisors read. Citizens take a ticket or book
  // for themselves. Kiosks and hall screens use public, center-bound endpoints (no personal data).
  { role: 'window_clerk', actions: ['read', 'create', 'update'], object: 'queue', condition: 'scope' },
  { role: 'window_clerk', actions: ['read', 'create', 'update'], object: 'window_session', condition: 'scope' },
  { role: 'window_clerk', actions: ['read', 'update'], object: 'appointment', condition: 'scope' },
  { role: 'center_director', actions: ['read', 'create', 'update', 'export'], object: 'queue', condition: 'scope' },
  { role: 'center_director', actions: ['read', 'update'], object: 'hall_settings', condition: 'scope' },
  { role: 'center_director', actions: ['read', 'create', 'update', 'export'], object: 'window_session', condition: 'scope' },
  { role: 'center_director', actions: ['read', 'create', 'update'], object: 'appointment', condition: 'scope' },
  { role: 'supervisor', actions: ['read', 'export'], object: 'queue', condition: 'scope' },
  { role: 'supervisor', actions: ['read'], object: 'hall_settings', condition: 'scope' },
  { role: 'supervisor', actions: ['read', 'export'], object: 'window_session', condition: 'scope' },
  { role: 'supervisor', actions: ['read'], object: 'appointment', condition: 'scope' },
  { role: 'citizen', actions: ['read', 'create', 'update'], object: 'appointment', condition: 'self' },
  // A citizen's own tickets: take one from the portal, see them, give up a waiting one ('withdraw').
  { role: 'citizen', actions: ['read', 'create', 'withdraw'], object: 'queue', condition: 'self' },

  // Working-day calendar: one national schedule per deployment, maintained by the system admin as
  // reference data (the deadline arithmetic itself is public).
  { role: 'system_admin', actions: ['read', 'update', 'import'], object: 'calendar', condition: 'any' },
];

function grantCovers(grant: ActorGrant, target: ScopeTarget): boolean {
  if (grant.centerId) {
    if (target.centerId) return target.centerId === grant.centerId;
    // A center-scoped role sees its center's own region node, not the region's other centers.
    return !!target.regionPath && target.regionPath === grant.regionPath;
  }
  if (!grant.regionPath) return false;
  return !!target.regionPath && target.regionPath.startsWith(grant.regionPath);
}

function ruleMatches(rule: PolicyRule, grant: ActorGrant, actor: Actor, target: ScopeTarget): boolean {
  switch (rule.condition) {
    case 'any':
      return true;
    case 'self':
      return target.ownerId === actor.userId;
    case 'scope':
      return grantCovers(grant, target);
  }
}

const rulesFor = (role: Role, action: Action, object: ObjectType) =>
  POLICIES.filter((r) => r.role === role && r.object === object && r.actions.includes(action));

/** May the actor do `action` on this object at all (some grant allows it somewhere)? */
export function mayAttempt(actor: Actor, action: Action, object: ObjectType): boolean {
  return actor.grants.some((g) => rulesFor(g.role, action, object).length > 0);
}

/** May the actor do `action` on this particular object? */
export function can(actor: Actor, action: Action, object: ObjectType, target: ScopeTarget): boolean {
  return actor.grants.some((g) => rulesFor(g.role, action, object).some((rule) => ruleMatches(rule, g, actor, target)));
}

/**
 * The query scope for an action: region path prefixes and center ids to put in a WHERE clause.
 * `all` is true only for `any`-condition rules. Empty scope means the caller sees nothing.
 */
export interface QueryScope {
  all: boolean;
  regionPaths: string[];
  centerIds: string[];
  /** Regions a center-scoped grant may see exactly (its own center's region node). */
  exactRegionPaths: string[];
}

export function scopeFor(actor: Actor, action: Action, object: ObjectType): QueryScope {
  const scope: QueryScope = { all: false, regionPaths: [], centerIds: [], exactRegionPaths: [] };
  for (const g of actor.grants) {
    for (const rule of rulesFor(g.role, action, object)) {
      if (rule.condition === 'any') scope.all = true;
      else if (rule.condition === 'scope') {
        if (g.centerId) {
          scope.centerIds.push(g.centerId);
          if (g.regionPath) scope.exactRegionPaths.push(g.regionPath);
        } else if (g.regionPath) scope.regionPaths.push(g.regionPath);
      }
    }
  }
  scope.regionPaths = [...new Set(scope.regionPaths)];
  scope.centerIds = [...new Set(scope.centerIds)];
  scope.exactRegionPaths = [...new Set(scope.exactRegionPaths)];
  return scope;
}

export const scopeIsEmpty = (s: QueryScope): boolean =>
  !s.all && s.regionPaths.length === 0 && s.centerIds.length === 0 && s.exactRegionPaths.length === 0;

/** Abilities as `object.action` strings, for the UI's menus and buttons. */
export function abilities(actor: Actor): string[] {
  const out = new Set<string>();
  for (const g of actor.grants) {
    for (const rule of POLICIES) {
      if (rule.role !== g.role) continue;
      for (const a of rule.actions) out.add(`${rule.object}.${a}`);
    }
  }
  return [...out].sort();
}

/**
 * The rule every service follows: if the actor may not do this kind of thing at all → 403;
 * if the object is outside their scope → 404 (it does not exist for them).
 */
export function authorize(actor: Actor, action: Action, object: ObjectType, target: ScopeTarget): void {
  if (!mayAttempt(actor, action, object)) throw new Forbidden();
  if (!can(actor, action, object, target)) throw new OutOfScope();
}

export function requireAbility(actor: Actor, action: Action, object: ObjectType): QueryScope {
  if (!mayAttempt(actor, action, object)) throw new Forbidden();
  return scopeFor(actor, action, object);
}
