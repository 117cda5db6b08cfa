import * as z from 'zod';
import type { ScanCommandInput } from '../common/aws/dynamo';
import { config, requireSetting } from '../common/config';
import { log } from '../common/logger';
import type {
  ReportFeedback,
  ReportFollowUp,
  ReportInput,
  ReportItem,
  ReportPublication,
} from '../domain/evaluation/monthly-report';
import { scanAll } from './scan';

/**
 * Where the monthly report's records come from: every item, publication, feedback record and follow-up,
 * read by filtered scans of only the attributes the report uses (one office's tables hold thousands of
 * records, not millions). Each record is checked against the shape the report expects; the figures
 * themselves are computed elsewhere (monthly-report.ts) from what this returns.
 */

/** Reads a whole table, page by page, only the named attributes (names go through placeholders). */
const scanFields = async (
  input: Omit<ScanCommandInput, 'ExclusiveStartKey' | 'ProjectionExpression'>,
  fields: readonly string[],
): Promise<Record<string, unknown>[]> => {
  const names = { ...input.ExpressionAttributeNames };
  for (const f of fields) names[`#p_${f}`] = f;
  return scanAll({
    ...input,
    ProjectionExpression: fields.map((f) => `#p_${f}`).join(', '),
    ExpressionAttributeNames: names,
  });
};

// Optional attributes may be absent or stored as null.
const optional = <S extends z.ZodType>(s: S) => s.nullish().transform((v) => v ?? undefined);
const platform = z.enum(['instagram', 'x']);
const text = z.string().min(1);

const itemRecord = z.object({
  id: text,
  title: z.string(),
  status: z.string(),
  createdAt: text,
  platforms: z.array(platform),
});
const publicationRecord = z.object({
  itemId: text,
  platform,
  state: z.enum(['pending', 'published', 'failed']),
  publishedAt: optional(z.string()),
  url: optional(z.string()),
  metrics: optional(
    z.array(
      z.object({
        at: z.string(),
        // Keep the numbers; a reading with a missing value still counts for the rest.
        values: z
          .record(z.string(), z.unknown())
          .transform((v) =>
            Object.fromEntries(
              Object.entries(v).filter((e): e is [string, number] => typeof e[1] === 'number'),
            ),
          ),
      }),
    ),
  ),
});
const correctionSide = z.object({ label: z.string().nullish(), category: z.string().nullish() });
const correction = z.object({
  by: z.string().optional(),
  at: z.string().min(1),
  from: correctionSide,
  to: correctionSide,
});
/** A malformed correction entry is dropped on its own; the message still counts. */
const corrections = z
  .array(z.unknown())
  .nullish()
  .transform((list) =>
    (list ?? []).flatMap((c) => {
      const parsed = correction.safeParse(c);
      return parsed.success ? [parsed.data] : [];
    }),
  );
const feedbackRecord = z.object({
  id: text,
  platform,
  itemId: optional(z.string()),
  label: optional(z.string()),
  category: z.string().nullish(),
  urgent: optional(z.boolean()),
  status: z.enum(['open', 'answered', 'closed']),
  createdAt: text,
  receivedAt: text,
  replies: optional(z.array(z.object({ at: z.string() }))),
  corrections,
});
const followUpRecord = z.object({
  id: text,
  feedbackId: text,
  unit: text,
  status: z.enum(['open', 'in_progress', 'resolved']),
  createdAt: text,
  dueAt: z.string(),
  resolvedAt: optional(z.string()),
  category: z.string().nullish(),
});

const keysOf = <S extends z.ZodObject>(s: S): string[] => Object.keys(s.shape);

/** Parses each stored record; one unreadable record is left out (and logged), not the whole report. */
const readRecords = <S extends z.ZodObject>(
  what: string,
  schema: S,
  rows: readonly Record<string, unknown>[],
  skipped: { count: number },
): z.output<S>[] => {
  const out: z.output<S>[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success) out.push(parsed.data);
    else {
      skipped.count += 1;
      log.warn('monthly report: unreadable record left out', {
        table: what,
        id: row.id ?? row.itemId,
        problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      });
    }
  }
  return out;
};

export const loadReportInput = async (): Promise<{ input: ReportInput; skipped: number }> => {
  const cfg = config();
  const skipped = { count: 0 };
  const [items, publications, feedback, followUps] = await Promise.all([
    scanFields(
      {
        TableName: cfg.ITEMS_TABLE,
        FilterExpression: '#kind = :item',
        ExpressionAttributeNames: { '#kind': 'kind' },
        ExpressionAttributeValues: { ':item': 'item' },
      },
      keysOf(itemRecord),
    ),
    scanFields({ TableName: cfg.PUBLICATIONS_TABLE }, keysOf(publicationRecord)),
    scanFields({ TableName: cfg.FEEDBACK_TABLE }, keysOf(feedbackRecord)),
    scanFields({ TableName: requireSetting('FOLLOWUPS_TABLE') }, keysOf(followUpRecord)),
  ]);
  const input: ReportInput = {
    items: readRecords('items', itemRecord, items, skipped) satisfies ReportItem[],
    publications: readRecords(
      'publications',
      publicationRecord,
      publications,
      skipped,
    ) satisfies ReportPublication[],
    feedback: readRecords('feedback', feedbackRecord, feedback, skipped) satisfies ReportFeedback[],
    followUps: readRecords('followups', followUpRecord, followUps, skipped) satisfies ReportFollowUp[],
  };
  return { input, skipped: skipped.count };
};
