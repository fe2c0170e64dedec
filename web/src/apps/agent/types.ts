/**
 * Shapes of /api/agency, inferred from the server's contract (src/modules/agency/agency.contract.ts)
 * so the device and the server cannot drift. Type-only imports: no zod code reaches the bundle.
 */
import type { z } from 'zod';
import type * as Agency from '../../../../src/modules/agency/agency.contract';

export type AgencyItemList = z.infer<typeof Agency.AgencyItemList>;
export type AgencyItem = z.infer<typeof Agency.AgencyItem>;
export type AgencyMaterial = AgencyItem['materials'][number];
/** `data` of POST /api/agency/mandates, as sent (defaults filled in by the device). */
export type MandateData = z.input<typeof Agency.MandateData>;
export type Villager = z.infer<typeof Agency.Villager>;
export type ConfirmMethod = z.infer<typeof Agency.ConfirmMethod>;
export type HandoverData = z.input<typeof Agency.HandoverData>;
export type MandateStatus = z.infer<typeof Agency.MandateStatus>;
export type MandateSummary = z.infer<typeof Agency.MandateSummary>;
export type MandateList = z.infer<typeof Agency.MandateList>;
export type MandateDetail = z.infer<typeof Agency.MandateDetail>;
export type MandateSyncResult = z.infer<typeof Agency.MandateSyncResult>;
export type Timeliness = z.infer<typeof Agency.Timeliness>;
