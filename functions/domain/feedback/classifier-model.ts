import * as z from 'zod';

/**
 * A small statistical model beside the rules (docs/decisions/0021): multinomial logistic regression on
 * stemmed unigrams and bigrams plus the rule cues that fired. Pure TypeScript and deterministic: the same
 * data and options always give the same weights. `scripts/train-classifier.ts` trains it offline into
 * classifier-weights.json; classifier.ts loads that file and asks `predict` for the label (used at a probability of 0.7 or
 * more) and for a complaint's category.
 */

/** What the model reads of one text: normalised stems and the cues the rules found. */
export interface FeatureInput {
  /** Normalised, stemmed words in order ('?' and emoji words included). */
  readonly stems: readonly string[];
  /** Rule cues that fired, as `scale:cue` (e.g. `stock:habis`, `complaint:long wait`). */
  readonly cues: readonly string[];
}

const WORD = /^[a-z0-9?]+$/;

/** Feature names for one text: `w:stem`, `b:stem_stem` and `c:scale:cue`, each once. */
export const featuresOf = ({ stems, cues }: FeatureInput): string[] => {
  const words = stems.filter((s) => WORD.test(s));
  const out = new Set<string>();
  words.forEach((w, i) => {
    out.add(`w:${w}`);
    const next = words[i + 1];
    if (next !== undefined) out.add(`b:${w}_${next}`);
  });
  for (const cue of cues) out.add(`c:${cue}`);
  return [...out];
};

const isWeightTable = (v: unknown): v is Record<string, number[]> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((row) => Array.isArray(row) && row.every((x) => Number.isFinite(x)));

/**
 * One softmax head: a class list, a bias per class and a weight row per feature. The table of thousands
 * of rows is checked by one loop (a per-entry schema took about 100 ms of every cold start).
 */
export const headSchema = z
  .object({
    classes: z.array(z.string().min(1)).min(2),
    bias: z.array(z.number()),
    /** feature -> one weight per class, in `classes` order */
    weights: z.custom<Record<string, number[]>>(isWeightTable, 'a table of feature weight rows'),
  })
  .refine(
    (h) =>
      h.bias.length === h.classes.length &&
      Object.values(h.weights).every((row) => row.length === h.classes.length),
    'every weight row needs one weight per class',
  );
export type Head = z.infer<typeof headSchema>;

export const modelFileSchema = z.object({
  version: z.literal(1),
  /** The files it learnt from; `corrections` marks an export of staff corrections (--corrections). */
  trainedOn: z.array(
    z.object({
      file: z.string(),
      lines: z.number().int().nonnegative(),
      corrections: z.literal(true).optional(),
    }),
  ),
  options: z.object({
    l2: z.number(),
    epochs: z.number().int(),
    rate: z.number(),
    minCount: z.number().int(),
  }),
  category: headSchema,
  label: headSchema,
});
export type ModelFile = z.infer<typeof modelFileSchema>;

/**
 * The model as committed (classifier-weights.json): each head's features as one newline-joined string and
 * its weights as little-endian integers of ten-thousandths in base64, row by row in `features` order (16-bit
 * while every weight fits, else 32-bit). The trainer rounds weights to four decimals, so this holds exactly
 * the same numbers as plain JSON arrays at about a third of the size: the table was 340 of the 520 KB of
 * the two bundles that classify (docs/decisions/0023).
 */
const packedHeadSchema = z.object({
  classes: z.array(z.string().min(1)).min(2),
  bias: z.array(z.number()),
  features: z.string(),
  bits: z.union([z.literal(16), z.literal(32)]),
  weights: z.string(),
});
export const packedModelSchema = modelFileSchema.omit({ version: true, category: true, label: true }).extend({
  version: z.literal(2),
  category: packedHeadSchema,
  label: packedHeadSchema,
});
export type PackedModelFile = z.infer<typeof packedModelSchema>;

const SCALE = 10_000;

const packHead = (head: Head): z.infer<typeof packedHeadSchema> => {
  const features = Object.keys(head.weights);
  const ints = features.flatMap((f) =>
    (head.weights[f] ?? []).map((w) => {
      const n = Math.round(w * SCALE);
      if (Math.abs(n / SCALE - w) > 1e-12) throw new Error(`weight ${w} of ${f} has more than four decimals`);
      return n;
    }),
  );
  const bits = ints.every((n) => n >= -32_768 && n <= 32_767) ? 16 : 32;
  const bytes = Buffer.alloc(ints.length * (bits / 8));
  for (const [i, n] of ints.entries()) {
    if (bits === 16) bytes.writeInt16LE(n, i * 2);
    else bytes.writeInt32LE(n, i * 4);
  }
  return {
    classes: head.classes,
    bias: head.bias,
    features: features.join('\n'),
    bits,
    weights: bytes.toString('base64'),
  };
};

const unpackHead = (head: z.infer<typeof packedHeadSchema>): Head => {
  const features = head.features ? head.features.split('\n') : [];
  const bytes = Buffer.from(head.weights, 'base64');
  const width = head.classes.length;
  const size = head.bits / 8;
  if (bytes.length !== features.length * width * size)
    throw new Error('the packed weights do not hold one row per feature');
  const weights: Record<string, number[]> = {};
  features.forEach((f, row) => {
    const values: number[] = [];
    for (let k = 0; k < width; k++) {
      const at = (row * width + k) * size;
      values.push((head.bits === 16 ? bytes.readInt16LE(at) : bytes.readInt32LE(at)) / SCALE);
    }
    weights[f] = values;
  });
  return headSchema.parse({ classes: head.classes, bias: head.bias, weights });
};

export const packModel = (model: ModelFile): PackedModelFile => ({
  version: 2,
  trainedOn: model.trainedOn,
  options: model.options,
  category: packHead(model.category),
  label: packHead(model.label),
});

/** The committed file, checked and unpacked. */
export const readModelFile = (json: unknown): ModelFile => {
  const packed = packedModelSchema.parse(json);
  return {
    version: 1,
    trainedOn: packed.trainedOn,
    options: packed.options,
    category: unpackHead(packed.category),
    label: unpackHead(packed.label),
  };
};

/** Class probabilities for a set of features; unknown features are ignored. */
export const probabilities = (head: Head, features: readonly string[]): number[] => {
  const scores = [...head.bias];
  for (const f of features) {
    const row = head.weights[f];
    if (row === undefined) continue;
    for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] as number) + (row[k] ?? 0);
  }
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
};

/** The most probable class and its probability; ties go to the earlier class. */
export const predict = (head: Head, features: readonly string[]): { value: string; p: number } => {
  const p = probabilities(head, features);
  let best = 0;
  for (let k = 1; k < p.length; k++) if ((p[k] as number) > (p[best] as number)) best = k;
  return { value: head.classes[best] as string, p: p[best] as number };
};

export interface TrainOptions {
  /** L2 penalty per weight, scaled by the number of examples. */
  readonly l2: number;
  /** Full passes of gradient descent. */
  readonly epochs: number;
  /** Step size (Adagrad, so per-feature steps shrink as gradients add up). */
  readonly rate: number;
  /** Features seen in fewer training examples than this are dropped. */
  readonly minCount: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { l2: 0.001, epochs: 200, rate: 0.5, minCount: 1 };

/**
 * Trains a softmax head by full-batch gradient descent with Adagrad steps from zero weights: no random
 * start and no shuffling, so training is deterministic. Weights are rounded to 4 decimals (the file stays
 * small and diffs stay readable).
 */
export const trainHead = (
  examples: readonly { features: readonly string[]; y: string }[],
  classes: readonly string[],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): Head => {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of new Set(e.features)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocab = [...counts.entries()]
    .filter(([, c]) => c >= options.minCount)
    .map(([f]) => f)
    .sort();
  const index = new Map(vocab.map((f, i) => [f, i]));
  const K = classes.length;
  const rows = examples.map((e) => ({
    x: [...new Set(e.features)].flatMap((f) => {
      const i = index.get(f);
      return i === undefined ? [] : [i];
    }),
    y: classes.indexOf(e.y),
  }));
  if (rows.some((r) => r.y < 0)) throw new Error('an example has a class outside the class list');
  const w = vocab.map(() => new Float64Array(K));
  const g2 = vocab.map(() => new Float64Array(K).fill(1e-8));
  const b = new Float64Array(K);
  const b2 = new Float64Array(K).fill(1e-8);
  const n = Math.max(rows.length, 1);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const gw = vocab.map(() => new Float64Array(K));
    const gb = new Float64Array(K);
    for (const { x, y } of rows) {
      const s = Array.from(b);
      for (const i of x) for (let k = 0; k < K; k++) s[k] = (s[k] as number) + (w[i]?.[k] ?? 0);
      const max = Math.max(...s);
      const e = s.map((v) => Math.exp(v - max));
      const z = e.reduce((a, c) => a + c, 0);
      for (let k = 0; k < K; k++) {
        const d = (e[k] as number) / z - (k === y ? 1 : 0);
        gb[k] = (gb[k] as number) + d / n;
        for (const i of x) (gw[i] as Float64Array)[k] = ((gw[i] as Float64Array)[k] as number) + d / n;
      }
    }
    for (let i = 0; i < vocab.length; i++) {
      const wi = w[i] as Float64Array;
      const gi = gw[i] as Float64Array;
      const hi = g2[i] as Float64Array;
      for (let k = 0; k < K; k++) {
        const grad = (gi[k] as number) + options.l2 * (wi[k] as number);
        hi[k] = (hi[k] as number) + grad * grad;
        wi[k] = (wi[k] as number) - (options.rate * grad) / Math.sqrt(hi[k] as number);
      }
    }
    for (let k = 0; k < K; k++) {
      b2[k] = (b2[k] as number) + (gb[k] as number) ** 2;
      b[k] = (b[k] as number) - (options.rate * (gb[k] as number)) / Math.sqrt(b2[k] as number);
    }
  }
  const round = (v: number): number => Math.round(v * 1e4) / 1e4;
  const weights: Record<string, number[]> = {};
  vocab.forEach((f, i) => {
    const row = Array.from(w[i] as Float64Array, round);
    if (row.some((v) => v !== 0)) weights[f] = row;
  });
  return { classes: [...classes], bias: Array.from(b, round), weights };
};
