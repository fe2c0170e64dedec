/** API shapes of /api/policies, inferred from the server's contract (type-only: no zod in the bundle). */
import type { z } from 'zod';
import type * as Policies from '../../../../../src/modules/policies/policies.contract';

export type PolicySummary = z.infer<typeof Policies.PolicySummary>;
export type PolicyList = z.infer<typeof Policies.PolicyList>;
export type PolicyDetail = z.infer<typeof Policies.PolicyDetail>;
export type PolicyFacets = z.infer<typeof Policies.PolicyFacets>;
export type Highlight = z.infer<typeof Policies.Highlight>;
