/**
 * Shapes of /api/agency for the workbench pages, inferred from the server's contract (type-only: no
 * zod code reaches the bundle), and the labels shared with the server's pure rules.
 */
import type { z } from 'zod';
import type * as Agency from '../../../../../../src/modules/agency/agency.contract';

export { MANDATE_STATUS_LABELS, monthLabel } from '../../../../../../src/modules/agency/agency.rules';
export type { MandateStatus } from '../../../../../../src/modules/agency/agency.rules';

export type MandateSummary = z.infer<typeof Agency.MandateSummary>;
export type MandateDetail = z.infer<typeof Agency.MandateDetail>;
export type MandateList = z.infer<typeof Agency.MandateList>;
export type Timeliness = z.infer<typeof Agency.Timeliness>;
export type AgentRow = z.infer<typeof Agency.AgentRow>;
export type AgentList = z.infer<typeof Agency.AgentList>;
export type AgentDetail = z.infer<typeof Agency.AgentDetail>;
export type Training = z.infer<typeof Agency.Training>;
export type TrainingBody = z.input<typeof Agency.TrainingBody>;
export type Ledger = z.infer<typeof Agency.Ledger>;
export type LedgerRow = z.infer<typeof Agency.LedgerRow>;
