/** API shapes of /api/policies for the workbench, inferred from the server's contract (type-only). */
import type { z } from 'zod';
import type * as Policies from '../../../../../../src/modules/policies/policies.contract';

export type ManagedPolicy = z.infer<typeof Policies.ManagedPolicy>;
export type ManagedPolicyRow = z.infer<typeof Policies.ManagedPolicyRow>;
export type ManagedPolicyList = z.infer<typeof Policies.ManagedPolicyList>;
export type PolicyRegions = z.infer<typeof Policies.PolicyRegions>;
export type PolicyFacets = z.infer<typeof Policies.PolicyFacets>;
export type PolicyInput = z.input<typeof Policies.PolicyInput>;
