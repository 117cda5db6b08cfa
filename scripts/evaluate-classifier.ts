/**
 * Measures the feedback classifier on a labelled JSON-lines file and prints precision, recall and F1 per
 * label, macro-F1, accuracy, category accuracy, urgent precision/recall and the confusion matrix.
 *
 *   npx tsx scripts/evaluate-classifier.ts [--file test/fixtures/feedback-id.dev.jsonl] [--min-macro-f1 0.85]
 *                                          [--min-category-accuracy 0.8] [--rules] [--errors]
 *                                          [--corrections corrections.jsonl]
 *
 * Exits 1 when a line is malformed, macro-F1 is under --min-macro-f1 or category accuracy (over gold
 * complaints) under --min-category-accuracy (CI uses these as floors). --rules measures the rules alone,
 * without the model. --corrections also measures the classifier on staff corrections exported from a
 * running office (`npx sebar corrections export`), as a second report; the floors apply to --file only.
 * To train on corrections instead, use `scripts/train-classifier.ts --corrections`.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  type Classification,
  classify,
  classifyWithRules,
  LABELS,
  type Label,
} from '../functions/domain/feedback/classifier';
import { CATEGORIES } from '../functions/domain/feedback/classifier-lexicon';
import weights from '../functions/domain/feedback/classifier-weights.json' with { type: 'json' };
import { readCorrections } from './corrections-file';
import { fractionArg, type JsonLines, parseJsonLines } from './jsonl';

export const DEFAULT_FILE = 'test/fixtures/feedback-id.dev.jsonl';

export const labelledLine = z
  .object({
    text: z.string().min(1),
    label: z.enum(LABELS),
    category: z.enum(CATEGORIES).optional(),
    urgent: z.boolean().optional(),
  })
  .refine((l) => (l.label === 'complaint') === (l.category !== undefined), {
    message: 'a complaint needs a category, and only a complaint has one',
    path: ['category'],
  });
export type LabelledLine = z.infer<typeof labelledLine>;

export type Dataset = JsonLines<LabelledLine>;

export const parseDataset = (content: string): Dataset => parseJsonLines(content, labelledLine);

export const readDataset = async (path: string): Promise<Dataset> =>
  parseDataset(await readFile(path, 'utf8'));

export interface LabelScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface Report {
  readonly n: number;
  readonly perLabel: Record<Label, LabelScore>;
  readonly macroF1: number;
  readonly accuracy: number;
  /** Gold complaints whose predicted category is the gold one (a missed complaint counts as wrong). */
  readonly categoryAccuracy: number;
  /** The same, over complaints the classifier also called complaints. */
  readonly categoryAccuracyWhenDetected: number;
  readonly urgent: {
    precision: number;
    recall: number;
    truePositives: number;
    gold: number;
    predicted: number;
  };
  /** confusion[gold][predicted] */
  readonly confusion: Record<Label, Record<Label, number>>;
  readonly mistakes: { line: LabelledLine; predicted: Classification }[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export const evaluate = (
  rows: readonly LabelledLine[],
  classifier: (text: string) => Classification = classify,
): Report => {
  const confusion = Object.fromEntries(
    LABELS.map((g) => [g, Object.fromEntries(LABELS.map((p) => [p, 0]))]),
  ) as Record<Label, Record<Label, number>>;
  const mistakes: Report['mistakes'] = [];
  let complaints = 0;
  let categoryRight = 0;
  let detected = 0;
  let detectedRight = 0;
  let urgentTp = 0;
  let urgentGold = 0;
  let urgentPredicted = 0;
  for (const line of rows) {
    const predicted = classifier(line.text);
    confusion[line.label][predicted.label] += 1;
    if (line.label === 'complaint') {
      complaints += 1;
      if (predicted.label === 'complaint') detected += 1;
      if (predicted.category === line.category) categoryRight += 1;
      if (predicted.label === 'complaint' && predicted.category === line.category) detectedRight += 1;
    }
    const goldUrgent = line.urgent === true;
    if (goldUrgent) urgentGold += 1;
    if (predicted.urgent) urgentPredicted += 1;
    if (goldUrgent && predicted.urgent) urgentTp += 1;
    const wrongCategory = line.label === 'complaint' && predicted.category !== line.category;
    if (predicted.label !== line.label || wrongCategory || predicted.urgent !== goldUrgent) {
      mistakes.push({ line, predicted });
    }
  }
  const perLabel = Object.fromEntries(
    LABELS.map((l) => {
      const tp = confusion[l][l];
      const predictedAs = LABELS.reduce((sum, g) => sum + confusion[g][l], 0);
      const support = LABELS.reduce((sum, p) => sum + confusion[l][p], 0);
      const precision = ratio(tp, predictedAs);
      const recall = ratio(tp, support);
      return [l, { precision, recall, f1: f1(precision, recall), support }];
    }),
  ) as Record<Label, LabelScore>;
  const correct = LABELS.reduce((sum, l) => sum + confusion[l][l], 0);
  const present = LABELS.filter((l) => LABELS.some((o) => confusion[l][o] + confusion[o][l] > 0));
  const urgentPrecision = ratio(urgentTp, urgentPredicted);
  return {
    n: rows.length,
    perLabel,
    // Over the labels that occur (gold or predicted): a small export of corrections may lack one.
    macroF1: ratio(
      present.reduce((sum, l) => sum + perLabel[l].f1, 0),
      present.length,
    ),
    accuracy: ratio(correct, rows.length),
    categoryAccuracy: ratio(categoryRight, complaints),
    categoryAccuracyWhenDetected: ratio(detectedRight, detected),
    urgent: {
      precision: urgentPrecision,
      recall: ratio(urgentTp, urgentGold),
      truePositives: urgentTp,
      gold: urgentGold,
      predicted: urgentPredicted,
    },
    confusion,
    mistakes,
  };
};

const fmt = (x: number): string => x.toFixed(3);

export const formatReport = (report: Report, file: string): string => {
  const lines = [`Feedback classifier on ${file} (${report.n} lines)`, ''];
  lines.push(
    `${'label'.padEnd(14)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'F1'.padStart(10)}${'n'.padStart(6)}`,
  );
  for (const l of LABELS) {
    const s = report.perLabel[l];
    lines.push(
      `${l.padEnd(14)}${fmt(s.precision).padStart(10)}${fmt(s.recall).padStart(10)}${fmt(s.f1).padStart(10)}${String(s.support).padStart(6)}`,
    );
  }
  lines.push(
    '',
    `macro-F1            ${fmt(report.macroF1)}`,
    `accuracy            ${fmt(report.accuracy)}`,
    `category accuracy   ${fmt(report.categoryAccuracy)} of gold complaints (${fmt(report.categoryAccuracyWhenDetected)} of those detected)`,
    `urgent precision    ${fmt(report.urgent.precision)} (${report.urgent.truePositives}/${report.urgent.predicted} flagged)`,
    `urgent recall       ${fmt(report.urgent.recall)} (${report.urgent.truePositives}/${report.urgent.gold} urgent)`,
    '',
    'confusion (rows: gold, columns: predicted)',
    `${''.padEnd(14)}${LABELS.map((l) => l.slice(0, 12).padStart(14)).join('')}`,
  );
  for (const g of LABELS) {
    lines.push(`${g.padEnd(14)}${LABELS.map((p) => String(report.confusion[g][p]).padStart(14)).join('')}`);
  }
  return lines.join('\n');
};

const formatMistakes = (report: Report): string =>
  report.mistakes
    .map(({ line, predicted }) => {
      const gold = `${line.label}${line.category ? `/${line.category}` : ''}${line.urgent ? ' urgent' : ''}`;
      const got = `${predicted.label}${predicted.category ? `/${predicted.category}` : ''}${predicted.urgent ? ' urgent' : ''}`;
      return `  gold ${gold.padEnd(34)} got ${got.padEnd(34)} ${line.text}`;
    })
    .join('\n');

const load = async (file: string, read: (path: string) => Promise<Dataset>): Promise<Dataset> => {
  let dataset: Dataset;
  try {
    dataset = await read(file);
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as Error).message}`);
    process.exit(2);
  }
  for (const e of dataset.errors) console.error(`${file}:${e.line}: malformed line: ${e.message}`);
  if (dataset.errors.length > 0) {
    console.error(`\nFAIL: ${dataset.errors.length} malformed line(s) in ${file}`);
    process.exitCode = 1;
  }
  if (dataset.rows.length === 0) {
    console.error(`${file}: no labelled lines to evaluate`);
    process.exit(1);
  }
  return dataset;
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      file: { type: 'string', default: DEFAULT_FILE },
      'min-macro-f1': { type: 'string' },
      'min-category-accuracy': { type: 'string' },
      corrections: { type: 'string' },
      rules: { type: 'boolean', default: false },
      errors: { type: 'boolean', default: false },
    },
  });
  const file = values.file;
  const floor = fractionArg('min-macro-f1', values['min-macro-f1']);
  const categoryFloor = fractionArg('min-category-accuracy', values['min-category-accuracy']);
  const classifier = values.rules ? classifyWithRules : classify;
  const which = values.rules ? 'rules alone' : 'rules + model';
  const dataset = await load(file, readDataset);
  const report = evaluate(dataset.rows, classifier);
  console.log(formatReport(report, `${file}, ${which}`));
  if (values.errors && report.mistakes.length > 0) console.log(`\nmistakes\n${formatMistakes(report)}`);
  if (floor !== undefined) {
    if (report.macroF1 < floor) {
      console.error(`\nFAIL: macro-F1 ${fmt(report.macroF1)} is under the floor ${fmt(floor)}`);
      process.exitCode = 1;
    } else {
      console.log(`\nOK: macro-F1 ${fmt(report.macroF1)} meets the floor ${fmt(floor)}`);
    }
  }
  if (categoryFloor !== undefined) {
    if (report.categoryAccuracy < categoryFloor) {
      console.error(
        `FAIL: category accuracy ${fmt(report.categoryAccuracy)} is under the floor ${fmt(categoryFloor)}`,
      );
      process.exitCode = 1;
    } else {
      console.log(
        `OK: category accuracy ${fmt(report.categoryAccuracy)} meets the floor ${fmt(categoryFloor)}`,
      );
    }
  }
  if (values.corrections !== undefined) {
    const corrections = await load(values.corrections, readCorrections);
    const r = evaluate(corrections.rows, classifier);
    console.log(`\n${formatReport(r, `${values.corrections} (staff corrections), ${which}`)}`);
    if (values.errors && r.mistakes.length > 0) console.log(`\nmistakes\n${formatMistakes(r)}`);
    if (weights.trainedOn.some((t) => 'corrections' in t)) {
      console.log('\nNote: the model was trained with corrections; figures on them may be optimistic.');
    }
  }
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
