/** API shapes of /api/consultations, inferred from the server's contract (type-only). */
import type { z } from 'zod';
import type * as Consultations from '../../../../../../src/modules/consultations/consultations.contract';

export type Consultation = z.infer<typeof Consultations.Consultation>;
export type ConsultationCounts = z.infer<typeof Consultations.ConsultationCounts>;
