import * as z from 'zod';
import { CATEGORIES, LABELS } from './classifier-lexicon';

/**
 * Staff corrections of the classifier, as data to learn from. The inbox stores each correction on its
 * feedback record (`corrections: [{ by, at, from: { label, category }, to: { label, category } }]`,
 * appended, with `label` and `category` updated). This turns corrected records into JSON lines
 * `{ text, label, category, correctedAt, from }` — the shape `npm run evaluate:classifier -- --corrections`
 * and `scripts/train-classifier.ts --corrections` read (docs/decisions/0021).
 */

const labelled = z.object({
  label: z.enum(LABELS),
  category: z.enum(CATEGORIES).nullable().optional(),
});

/** One stored correction; records come from the table, so each one is checked before it is used. */
export const storedCorrection = z.object({
  by: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  from: labelled.partial({ label: true }),
  to: labelled,
});
export type StoredCorrection = z.infer<typeof storedCorrection>;

/** One exported line: the text with its final, staff-given label and what the classifier had said. */
export const correctionLine = z
  .object({
    text: z.string().min(1),
    label: z.enum(LABELS),
    category: z.enum(CATEGORIES).nullable(),
    correctedAt: z.iso.datetime({ offset: true }),
    from: z.object({
      label: z.enum(LABELS).nullable(),
      category: z.enum(CATEGORIES).nullable(),
    }),
  })
  .refine((l) => (l.label === 'complaint') === (l.category !== null), {
    message: 'a complaint needs a category, and only a complaint has one',
    path: ['category'],
  });
export type CorrectionLine = z.infer<typeof correctionLine>;

export interface CorrectedRecord {
  readonly id?: string;
  readonly text?: unknown;
  readonly corrections?: unknown;
}

/**
 * One line per corrected record: the last correction gives the label, the category and `correctedAt`; the
 * first gives `from`, what the classifier itself had said. A record whose corrections do not parse, or
 * whose final label and category disagree (a complaint without a category), is skipped and counted.
 * Oldest correction first, so a file grows at its end from one export to the next.
 */
export const correctionLines = (
  records: readonly CorrectedRecord[],
  since?: string,
): { lines: CorrectionLine[]; skipped: number } => {
  const lines: CorrectionLine[] = [];
  let skipped = 0;
  const from = since === undefined ? undefined : Date.parse(since);
  for (const record of records) {
    const list = z.array(storedCorrection).min(1).safeParse(record.corrections);
    if (!list.success || typeof record.text !== 'string') {
      skipped += 1;
      continue;
    }
    const first = list.data[0] as StoredCorrection;
    const last = list.data.reduce((a, b) => (Date.parse(b.at) >= Date.parse(a.at) ? b : a));
    if (from !== undefined && Date.parse(last.at) < from) continue;
    const line = correctionLine.safeParse({
      text: record.text,
      label: last.to.label,
      category: last.to.category ?? null,
      correctedAt: new Date(last.at).toISOString(),
      from: { label: first.from.label ?? null, category: first.from.category ?? null },
    });
    if (line.success) lines.push(line.data);
    else skipped += 1;
  }
  lines.sort((a, b) => a.correctedAt.localeCompare(b.correctedAt));
  return { lines, skipped };
};
