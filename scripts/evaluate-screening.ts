/**
 * Measures the personal-data screen on a labelled JSON-lines file: for each split (tuning, holdout), how
 * many texts that identify a person it catches (recall) and how many public texts it flags (false alarms),
 * with the misses listed.
 *
 *   npx tsx scripts/evaluate-screening.ts [--file test/fixtures/screening/labelled.jsonl]
 *                                         [--min-recall 0.9] [--max-false-alarm-rate 0.1] [--split holdout]
 *
 * Floors apply to every split evaluated. Exits 1 when a line is malformed or a floor is breached, 2 on bad
 * arguments or an unreadable file.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { findingReason, screenFindings } from '../functions/domain/content/screening';
import { fractionArg, type JsonLines, parseJsonLines } from './jsonl';

export const DEFAULT_FILE = 'test/fixtures/screening/labelled.jsonl';
export const SPLITS = ['tuning', 'holdout'] as const;
export type Split = (typeof SPLITS)[number];

export const labelledText = z
  .object({
    text: z.string().min(1).max(5000),
    identifies: z.boolean(),
    form: z.string().regex(/^[a-z][a-z0-9-]*$/),
    split: z.enum(SPLITS),
  })
  .strict();
export type LabelledText = z.infer<typeof labelledText>;

export type Dataset = JsonLines<LabelledText>;

export const parseLabelled = (content: string): Dataset => parseJsonLines(content, labelledText);

export const readLabelled = async (path: string): Promise<Dataset> =>
  parseLabelled(await readFile(path, 'utf8'));

/** What the screen said about one text: the reasons it gave (none means it passed). */
export type Screen = (text: string) => string[];

const defaultScreen: Screen = (text) => screenFindings(text).map(findingReason);

export interface SplitReport {
  readonly split: Split;
  readonly positives: number;
  readonly caught: number;
  readonly negatives: number;
  readonly falseAlarms: number;
  readonly recall: number;
  readonly falseAlarmRate: number;
  /** Texts that identify someone and passed. */
  readonly misses: LabelledText[];
  /** Public texts that were flagged, with the reasons given. */
  readonly alarms: { row: LabelledText; reasons: string[] }[];
  /** Recall per form of positive: caught/total. */
  readonly byForm: Record<string, { caught: number; total: number }>;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export const evaluateSplit = (
  rows: readonly LabelledText[],
  split: Split,
  screen: Screen = defaultScreen,
) => {
  const mine = rows.filter((r) => r.split === split);
  const misses: LabelledText[] = [];
  const alarms: { row: LabelledText; reasons: string[] }[] = [];
  const byForm: Record<string, { caught: number; total: number }> = {};
  let positives = 0;
  let caught = 0;
  let negatives = 0;
  for (const row of mine) {
    const reasons = screen(row.text);
    const flagged = reasons.length > 0;
    if (row.identifies) {
      positives += 1;
      const form = byForm[row.form] ?? { caught: 0, total: 0 };
      form.total += 1;
      if (flagged) {
        caught += 1;
        form.caught += 1;
      } else misses.push(row);
      byForm[row.form] = form;
    } else {
      negatives += 1;
      if (flagged) alarms.push({ row, reasons });
    }
  }
  const report: SplitReport = {
    split,
    positives,
    caught,
    negatives,
    falseAlarms: alarms.length,
    recall: ratio(caught, positives),
    falseAlarmRate: ratio(alarms.length, negatives),
    misses,
    alarms,
    byForm,
  };
  return report;
};

export const evaluateScreening = (
  rows: readonly LabelledText[],
  screen: Screen = defaultScreen,
  splits: readonly Split[] = SPLITS,
): SplitReport[] => splits.map((s) => evaluateSplit(rows, s, screen));

export interface Floors {
  readonly minRecall?: number;
  readonly maxFalseAlarmRate?: number;
}

/** The floors a report breaks, in words (empty when all hold). */
export const breaches = (reports: readonly SplitReport[], floors: Floors): string[] =>
  reports.flatMap((r) => {
    const out: string[] = [];
    if (floors.minRecall !== undefined && r.recall < floors.minRecall) {
      out.push(`${r.split}: recall ${fmt(r.recall)} is under --min-recall ${fmt(floors.minRecall)}`);
    }
    if (floors.maxFalseAlarmRate !== undefined && r.falseAlarmRate > floors.maxFalseAlarmRate) {
      out.push(
        `${r.split}: false-alarm rate ${fmt(r.falseAlarmRate)} is over --max-false-alarm-rate ${fmt(floors.maxFalseAlarmRate)}`,
      );
    }
    return out;
  });

const fmt = (x: number): string => x.toFixed(3);

export const formatReport = (r: SplitReport): string => {
  const lines = [
    `${r.split}: recall ${r.caught}/${r.positives} (${fmt(r.recall)}), false alarms ${r.falseAlarms}/${r.negatives} (${fmt(r.falseAlarmRate)})`,
  ];
  for (const [form, f] of Object.entries(r.byForm).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${form.padEnd(22)} ${f.caught}/${f.total}`);
  }
  if (r.misses.length > 0) {
    lines.push('  misses:');
    for (const m of r.misses) lines.push(`    [${m.form}] ${m.text}`);
  }
  if (r.alarms.length > 0) {
    lines.push('  false alarms:');
    for (const a of r.alarms)
      lines.push(`    [${a.row.form}] ${a.row.text}\n      -> ${a.reasons.join('; ')}`);
  }
  return lines.join('\n');
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      file: { type: 'string', default: DEFAULT_FILE },
      split: { type: 'string' },
      'min-recall': { type: 'string' },
      'max-false-alarm-rate': { type: 'string' },
    },
  });
  const floors: Floors = {
    minRecall: fractionArg('min-recall', values['min-recall']),
    maxFalseAlarmRate: fractionArg('max-false-alarm-rate', values['max-false-alarm-rate']),
  };
  const splitArg = values.split;
  const splits = splitArg === undefined ? SPLITS : z.array(z.enum(SPLITS)).safeParse([splitArg]).data;
  if (splits === undefined) {
    console.error(`--split must be one of ${SPLITS.join(', ')}, got "${splitArg}"`);
    process.exit(2);
  }
  let dataset: Dataset;
  try {
    dataset = await readLabelled(values.file);
  } catch (error) {
    console.error(`Cannot read ${values.file}: ${(error as Error).message}`);
    process.exit(2);
  }
  for (const e of dataset.errors) console.error(`${values.file}:${e.line}: malformed line: ${e.message}`);
  const reports = evaluateScreening(dataset.rows, defaultScreen, splits);
  console.log(`Personal-data screen on ${values.file} (${dataset.rows.length} lines)\n`);
  console.log(reports.map(formatReport).join('\n\n'));
  if (dataset.errors.length > 0) {
    console.error(`\nFAIL: ${dataset.errors.length} malformed line(s)`);
    process.exitCode = 1;
  }
  const broken = breaches(reports, floors);
  for (const b of broken) console.error(`FAIL: ${b}`);
  if (broken.length > 0) process.exitCode = 1;
  else if (floors.minRecall !== undefined || floors.maxFalseAlarmRate !== undefined)
    console.log('\nOK: floors hold');
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
