import { z } from 'zod';

/**
 * Schemas every import shares (organisation, catalog, calendar): the dry-run switch and the error row
 * that points at a sheet, row and column. Contracts re-export them under their module's names.
 */

/** `?dryRun=`: default true (validate only); `dryRun=false` saves when everything is valid. */
export const DryRunQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export const ImportErrorRow = z.object({
  /** The sheet name (or `日历` and the like for JSON imports). */
  sheet: z.string(),
  /** Excel row number (1 = header row), or the 1-based position in a JSON list; 0 = the file as a whole. */
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
});
