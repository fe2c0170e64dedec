import type { Role } from './roles.js';

/** One role grant as resolved for a request: the scope is a region subtree or a single center. */
export interface ActorGrant {
  role: Role;
  /** Path of the scope region (`/…/id/`), or of the scope center's region for center grants. */
  regionPath: string | null;
  regionId: string | null;
  centerId: string | null;
  countyId: string | null;
}

/** The authenticated caller, attached to every request that has a valid session. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  kind: 'staff' | 'citizen';
  sessionId: string;
  grants: ActorGrant[];
}

/** What audit and services need to know about where a request came from. */
export interface RequestMeta {
  ip: string;
  userAgent?: string;
  requestId: string;
}

/** An object as the policy sees it: where it sits in the region tree, and who owns it. */
export interface ScopeTarget {
  regionPath?: string | null;
  centerId?: string | null;
  ownerId?: string | null;
}
