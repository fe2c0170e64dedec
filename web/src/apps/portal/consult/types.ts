/** API shapes of /api/consultations, inferred from the server's contract (type-only). */
import type { z } from 'zod';
import type * as Consultations from '../../../../../src/modules/consultations/consultations.contract';

export type Consultation = z.infer<typeof Consultations.Consultation>;
export type ConsultationList = z.infer<typeof Consultations.ConsultationList>;
export type PublishedQaList = z.infer<typeof Consultations.PublishedQaList>;
export type AskableCenters = z.infer<typeof Consultations.AskableCenters>;
export type AskInput = z.input<typeof Consultations.AskBody>;
