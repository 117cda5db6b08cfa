/**
 * Trains the feedback classifier's statistical model (functions/domain/feedback/classifier-model.ts) on
 * labelled JSON lines and writes functions/domain/feedback/classifier-weights.json, which the classifier
 * loads. Deterministic: the same files give the same weights, byte for byte.
 *
 *   npx tsx scripts/train-classifier.ts [--file A.jsonl --file B.jsonl ...] [--corrections FILE.jsonl]
 *                                       [--out PATH] [--cv 5]
 *
 * --corrections adds staff corrections exported from a running office (`npx sebar corrections export`).
 * --cv K prints K-fold cross-validation figures (rules against the model, on the training files only)
 * instead of writing weights; that is how the model's options and its use were chosen.
 * The unseen set (test/fixtures/feedback-id.unseen.jsonl) is refused: it measures, it never trains.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { explainRules, LABELS, type Label, modelFeatures } from '../functions/domain/feedback/classifier';
import { CATEGORIES } from '../functions/domain/feedback/classifier-lexicon';
import {
  DEFAULT_TRAIN_OPTIONS,
  type ModelFile,
  packModel,
  predict,
  type TrainOptions,
  trainHead,
} from '../functions/domain/feedback/classifier-model';
import { readCorrections } from './corrections-file';
import { type LabelledLine, readDataset } from './evaluate-classifier';

export const TRAINING_FILES = [
  'test/fixtures/feedback-id.dev.jsonl',
  'test/fixtures/feedback-id.holdout.jsonl',
  'test/fixtures/feedback-id.train.jsonl',
];
export const WEIGHTS_FILE = 'functions/domain/feedback/classifier-weights.json';

/** The rule explanation turned into model features (the same function the classifier uses). */
export const ruleFeatures = (text: string): string[] => modelFeatures(explainRules(text));

export const trainModel = (
  rows: readonly LabelledLine[],
  trainedOn: ModelFile['trainedOn'],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): ModelFile => {
  const withFeatures = rows.map((r) => ({ row: r, features: ruleFeatures(r.text) }));
  const label = trainHead(
    withFeatures.map(({ row, features }) => ({ features, y: row.label })),
    LABELS,
    options,
  );
  const category = trainHead(
    withFeatures.flatMap(({ row, features }) =>
      row.category === undefined ? [] : [{ features, y: row.category }],
    ),
    CATEGORIES,
    options,
  );
  return { version: 1, trainedOn, options: { ...options }, category, label };
};

const macroF1 = (pairs: readonly { gold: Label; got: Label }[]): number => {
  let sum = 0;
  for (const l of LABELS) {
    const tp = pairs.filter((p) => p.gold === l && p.got === l).length;
    const predicted = pairs.filter((p) => p.got === l).length;
    const support = pairs.filter((p) => p.gold === l).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    sum += precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return sum / LABELS.length;
};

const GATES = [0.5, 0.6, 0.7, 0.8, 0.9];

/** K-fold cross-validation (fold = line index mod K, no shuffling): rules against the model. */
export const crossValidate = (rows: readonly LabelledLine[], k: number, options: TrainOptions) => {
  const labelRules: { gold: Label; got: Label }[] = [];
  const labelModel: { gold: Label; got: Label }[] = [];
  let complaints = 0;
  let categoryRules = 0;
  let categoryModel = 0;
  const gated: Record<number, { gold: Label; got: Label }[]> = Object.fromEntries(GATES.map((g) => [g, []]));
  for (let fold = 0; fold < k; fold++) {
    const train = rows.filter((_, i) => i % k !== fold);
    const test = rows.filter((_, i) => i % k === fold);
    const model = trainModel(train, [], options);
    for (const row of test) {
      const rules = explainRules(row.text);
      const features = ruleFeatures(row.text);
      labelRules.push({ gold: row.label, got: rules.label });
      const l = predict(model.label, features);
      labelModel.push({ gold: row.label, got: l.value as Label });
      for (const g of GATES) {
        gated[g]?.push({ gold: row.label, got: l.p >= g ? (l.value as Label) : rules.label });
      }
      if (row.category !== undefined) {
        complaints += 1;
        // Category given a complaint: what each approach would answer for a message called a complaint.
        const best = Object.entries(rules.categoryScores).reduce((a, b) => (b[1] > a[1] ? b : a));
        const ruleCategory = best[1] > 0 ? best[0] : rules.urgent ? 'responsiveness' : 'staff_attitude';
        if (ruleCategory === row.category) categoryRules += 1;
        const noCue = Object.values(rules.categoryScores).every((v) => v === 0);
        const modelCategory =
          rules.urgent && noCue ? 'responsiveness' : predict(model.category, features).value;
        if (modelCategory === row.category) categoryModel += 1;
      }
    }
  }
  return {
    labelMacroF1: { rules: macroF1(labelRules), model: macroF1(labelModel) },
    gated: GATES.map((g) => `${g}: ${macroF1(gated[g] ?? []).toFixed(3)}`).join('  '),
    categoryAccuracy: { rules: categoryRules / complaints, model: categoryModel / complaints },
    complaints,
    lines: rows.length,
  };
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      file: { type: 'string', multiple: true },
      corrections: { type: 'string' },
      out: { type: 'string', default: WEIGHTS_FILE },
      cv: { type: 'string' },
      l2: { type: 'string' },
      epochs: { type: 'string' },
      'min-count': { type: 'string' },
    },
  });
  const files = values.file ?? TRAINING_FILES;
  if ([...files, values.corrections ?? ''].some((f) => f.includes('unseen'))) {
    console.error('The unseen set measures the classifier; it must not train it.');
    process.exit(2);
  }
  const rows: LabelledLine[] = [];
  const trainedOn: ModelFile['trainedOn'] = [];
  for (const file of files) {
    const dataset = await readDataset(file);
    if (dataset.errors.length > 0) {
      for (const e of dataset.errors) console.error(`${file}:${e.line}: malformed line: ${e.message}`);
      process.exit(1);
    }
    rows.push(...dataset.rows);
    trainedOn.push({ file, lines: dataset.rows.length });
  }
  if (values.corrections) {
    const corrections = await readCorrections(values.corrections);
    if (corrections.errors.length > 0) {
      for (const e of corrections.errors) {
        console.error(`${values.corrections}:${e.line}: malformed line: ${e.message}`);
      }
      process.exit(1);
    }
    rows.push(...corrections.rows);
    trainedOn.push({ file: values.corrections, lines: corrections.rows.length, corrections: true });
  }
  const options: TrainOptions = {
    ...DEFAULT_TRAIN_OPTIONS,
    ...(values.l2 === undefined ? {} : { l2: Number(values.l2) }),
    ...(values.epochs === undefined ? {} : { epochs: Number(values.epochs) }),
    ...(values['min-count'] === undefined ? {} : { minCount: Number(values['min-count']) }),
  };
  if (values.cv !== undefined) {
    const k = Number(values.cv);
    const r = crossValidate(rows, k, options);
    console.log(`${k}-fold cross-validation on ${r.lines} lines (${r.complaints} complaints)`);
    console.log(
      `label macro-F1        rules ${r.labelMacroF1.rules.toFixed(3)}  model ${r.labelMacroF1.model.toFixed(3)}`,
    );
    console.log(`label, model when p >= gate, else rules: ${r.gated}`);
    console.log(
      `category (complaints) rules ${r.categoryAccuracy.rules.toFixed(3)}  model ${r.categoryAccuracy.model.toFixed(3)}`,
    );
    return;
  }
  const model = trainModel(rows, trainedOn, options);
  await writeFile(values.out, `${JSON.stringify(packModel(model))}\n`);
  // In the project's own format, so that `npm run lint` passes on a freshly trained file (biome formats
  // files inside the project only; elsewhere the file stays compact).
  try {
    execFileSync('npx', ['biome', 'format', '--write', values.out], { stdio: 'ignore' });
  } catch {
    console.log(`(${values.out} left unformatted: biome formats files inside the project only)`);
  }
  console.log(
    `Wrote ${values.out}: ${rows.length} lines, ${Object.keys(model.label.weights).length} label and ${Object.keys(model.category.weights).length} category features`,
  );
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
