/** Labels of the policy library, straight from the server's pure rules (one source of truth). */
import { DOC_KINDS, POLICY_STATUSES } from '../../../../../../src/modules/policies/policies.rules';

export { POLICY_TOPICS, POLICY_STATUSES, DOC_KINDS } from '../../../../../../src/modules/policies/policies.rules';

export const DOC_KIND_OPTIONS = Object.entries(DOC_KINDS).map(([value, label]) => ({ value, label }));
export const STATUS_OPTIONS = Object.entries(POLICY_STATUSES).map(([value, label]) => ({ value, label }));
export const STATUS_COLOR: Record<string, string> = { draft: 'default', published: 'green', withdrawn: 'orange' };
