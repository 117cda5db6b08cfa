import * as z from 'zod';
import { feedbackWithCorrections } from '../../adapters/feedback-repo';
import { type CorrectedRecord, type CorrectionLine, correctionLines } from './classifier-corrections';

/** The feedback API's export of staff corrections (the lines themselves: classifier-corrections.ts). */

export const correctionsQuery = z.object({
  /** Only records last corrected at or after this time (ISO 8601). */
  since: z.iso.datetime({ offset: true }).optional(),
});

/** `GET /feedback/corrections?since=`: corrected records as training and evaluation lines. */
export const listCorrections = async (
  q: z.output<typeof correctionsQuery>,
): Promise<{ corrections: CorrectionLine[]; skipped: number }> => {
  const { lines, skipped } = correctionLines(await feedbackWithCorrections<CorrectedRecord>(), q.since);
  return { corrections: lines, skipped };
};
