import { once } from '../support/once';
import {
  ADDRESS_WORDS,
  CATEGORIES,
  CATEGORY_CUES,
  type Category,
  CONTRASTS,
  CROWD_WORDS,
  type Cues,
  FINAL_INTERROGATIVES,
  LABEL_CUES,
  LABELS,
  NEGATORS,
  NUMBER_WORDS,
  QUESTION_OPENERS,
  SARCASM_MARKERS,
  TRAILING_PARTICLES,
  URGENT_CUES,
  URGENT_THRESHOLD,
  URGENT_TOPIC_WORDS,
  WAIT_SPANS,
  WAIT_UNITS,
  WAIT_WORDS,
} from './classifier-lexicon';
import { featuresOf, predict, readModelFile } from './classifier-model';
import { MENTION, normaliseTokens, QUESTION_MARK, stemAll } from './classifier-text';
import weightsFile from './classifier-weights.json' with { type: 'json' };

/**
 * Classifies citizens' comments and messages (Indonesian, informal, with Sundanese mixed in) into a label,
 * a complaint category and an urgent flag. Rules and word lists first (docs/decisions/0006): deterministic,
 * no downloads, every decision shown to staff as the cues that produced it. A small logistic-regression
 * model trained offline on labelled and corrected lines then reads the rules' cues and the words and gives
 * the category and, when it is sure enough, the label (docs/decisions/0021); the urgent flag stays with the
 * rules.
 */

export { LABELS };
export type Label = (typeof LABELS)[number];
export type { Category };

export interface Classification {
  label: Label;
  /** Set for complaints only. */
  category: Category | null;
  /** An emergency (someone unconscious, chest pain, mass poisoning...), whatever the label. */
  urgent: boolean;
}

interface CompiledCue {
  readonly cue: string;
  /** Stems, or normalised words when exact. */
  readonly stems: readonly string[];
  readonly exact: boolean;
  readonly weight: number;
}

/**
 * Cues go through the same normalisation and stemming as citizens' text, once, on the first classification:
 * stemming loads the stemmer's dictionary, which a function that only bundles the classifier (the staff
 * API's routes that never classify) should not pay for at every cold start.
 */
const compile = (cues: Cues): CompiledCue[] =>
  Object.entries(cues).map(([key, weight]) => {
    const exact = key.startsWith('=');
    const cue = exact ? key.slice(1) : key;
    const words = normaliseTokens(cue);
    return { cue, stems: exact ? words : stemAll(words), exact, weight };
  });

/** The cue lists as stems, built together on the first classification. */
const cueTables = once(() => ({
  labels: Object.fromEntries(LABELS.map((label) => [label, compile(LABEL_CUES[label])])) as Record<
    Label,
    CompiledCue[]
  >,
  categories: Object.fromEntries(
    CATEGORIES.map((category) => [category, compile(CATEGORY_CUES[category])]),
  ) as Record<Category, CompiledCue[]>,
  urgent: compile(URGENT_CUES),
  negators: new Set(stemAll(NEGATORS)),
  contrasts: new Set(stemAll(CONTRASTS)),
  crowd: new Set(stemAll(CROWD_WORDS)),
  poisoning: stemAll(['keracunan']),
  urgentTopics: new Set(stemAll(URGENT_TOPIC_WORDS)),
  topicLinks: new Set(stemAll(['tentang', 'soal', 'mengenai', 'terkait', 'untuk', 'buat'])),
  waits: new Set(stemAll(WAIT_WORDS)),
}));
const SARCASM = new Set(SARCASM_MARKERS);
const COMPLEMENTISERS = new Set(['kalau', 'bahwa', 'jika']);
const ADDRESS = new Set(ADDRESS_WORDS);
const TRAILING = new Set(TRAILING_PARTICLES);
const NEGATOR_WORDS = new Set(NEGATORS);
const WAIT_UNIT_WORDS = new Set(WAIT_UNITS);
const WAIT_SPAN_WORDS = new Set(WAIT_SPANS);
const NUMBERS = new Set(NUMBER_WORDS);
const FINAL_QUESTION = new Set(FINAL_INTERROGATIVES);

/** Clauses, split at punctuation, as normalised words: for cues that depend on where a word stands. */
const clausesOf = (text: string): string[][] =>
  text
    .split(/[.,!?;:\n]+/)
    .map((clause) => normaliseTokens(clause).filter((w) => w !== QUESTION_MARK))
    .filter((words) => words.length > 0);

/**
 * Question cues that depend on position, for questions written without a question mark: a clause that
 * opens with "bisa", "boleh", "masih"... (after greetings and forms of address: "min, bisa pake bpjs"),
 * or that ends with an interrogative ("syaratnya apa", "jam berapa"), with "gak" ("buka gak min"), with
 * a tag "bukan" ("ini hoaks bukan") or with "belum" after "sudah" ("udah dibuka belum").
 */
const positionalQuestion = (clauses: readonly string[][]): { cue: string; weight: number }[] => {
  const found: { cue: string; weight: number }[] = [];
  for (const words of clauses) {
    const start = words.findIndex((w) => !ADDRESS.has(w));
    const first = words[start];
    const opener = first === undefined ? undefined : QUESTION_OPENERS[first];
    if (opener !== undefined && start < words.length - 1) {
      found.push({ cue: `${first} ... (opens a clause)`, weight: opener });
    }
    let end = words.length - 1;
    while (end > 0 && TRAILING.has(words[end] as string)) end--;
    const last = words[end];
    const before = words[end - 1];
    if (end >= 1 && last !== undefined && FINAL_QUESTION.has(last)) {
      found.push({ cue: `... ${last} (ends a clause)`, weight: 1 });
    } else if (end >= 2 && last === 'bukan' && before !== undefined && !NEGATOR_WORDS.has(before)) {
      found.push({ cue: '..., bukan (a tag question)', weight: 2 });
    } else if (end >= 2 && last === 'tidak' && before !== undefined && !NEGATOR_WORDS.has(before)) {
      found.push({ cue: '... gak (ends a clause)', weight: 2 });
    } else if (end >= 2 && last === 'belum' && words.slice(0, end - 1).includes('sudah')) {
      found.push({ cue: 'sudah ... belum', weight: 2 });
    }
  }
  return found;
};

/** "antre 3 jam", "nunggu berjam-jam", "dua minggu belum dipanggil": a long wait, in any clause. */
const longWait = (words: readonly string[], stemmed: readonly string[]): boolean => {
  if (!stemmed.some((s) => cueTables().waits.has(s))) return false;
  return words.some(
    (w, i) =>
      WAIT_SPAN_WORDS.has(w) ||
      // "buka 24 jam" is opening hours, not a wait
      (WAIT_UNIT_WORDS.has(w) &&
        i > 0 &&
        words[i - 1] !== '24' &&
        (/^\d+$/.test(words[i - 1] as string) || NUMBERS.has(words[i - 1] as string))),
  );
};

/** Start positions where a cue's stems occur in the text's stems. */
const positions = (text: readonly string[], cue: readonly string[]): number[] => {
  const found: number[] = [];
  for (let i = 0; i + cue.length <= text.length; i++) {
    if (cue.every((s, j) => text[i + j] === s)) found.push(i);
  }
  return found;
};

export interface Match {
  readonly scale: Label | Category | 'urgent';
  readonly cue: string;
  readonly weight: number;
  readonly note?: string;
}

export interface Explanation extends Classification {
  readonly normalised: string;
  readonly stems: readonly string[];
  readonly labelScores: Readonly<Record<Label, number>>;
  readonly categoryScores: Readonly<Record<Category, number>>;
  readonly urgentScore: number;
  readonly matches: readonly Match[];
}

/** Question-mark weight: a '?' is the strongest single sign of a question. */
const QUESTION_MARK_WEIGHT = 2;
/** Interrogative words add up to at most this, so a list of them does not drown a complaint. */
const INTERROGATIVE_CAP = 3;
/** "other" starts with this score: a label needs more evidence than that to be chosen. */
const OTHER_BASELINE = 1.5;
/** "bisakah", "bolehkah", "adakah": the -kah question particle on a word that takes it. */
const KAH_QUESTION =
  /^(bisa|boleh|ada|benar|perlu|harus|siapa|mana|kapan|bagaimana|berapa|mungkin|dapat|sudah|masih)kah$/;
/** A long wait ("antre 3 jam") is a complaint about waiting time. */
const LONG_WAIT_WEIGHT = 2;
/** Cues in the clause before "tapi" count this much ("bagus, tapi ..." is about what follows). */
const BEFORE_CONTRAST = 0.5;

/** The rules alone (round 2 of docs/decisions/0006): label, category and urgent from cues. */
export const explainRules = (text: string): Explanation => {
  const words = normaliseTokens(text);
  const stemmed = stemAll(words);
  const find = (cue: CompiledCue): number[] => positions(cue.exact ? words : stemmed, cue.stems);
  const matches: Match[] = [];
  let lastContrast = -1;
  stemmed.forEach((s, i) => {
    if (cueTables().contrasts.has(s)) lastContrast = i;
  });

  const labelScores: Record<Label, number> = {
    complaint: 0,
    question: 0,
    appreciation: 0,
    other: OTHER_BASELINE,
  };
  let interrogatives = 0;
  for (const label of LABELS) {
    for (const compiled of cueTables().labels[label]) {
      const { cue, stems: cueStems, weight } = compiled;
      const at = find(compiled);
      if (at.length === 0) continue;
      const start = at[at.length - 1] as number;
      const negated =
        at.every((p) => cueTables().negators.has(stemmed[p - 1] ?? '')) &&
        !cueTables().negators.has(cueStems[0] ?? '');
      const scale = start < lastContrast ? BEFORE_CONTRAST : 1;
      if (negated && label === 'appreciation') {
        // "tidak ramah", "kurang jelas": praise words turned around count against the service.
        labelScores.complaint += weight * scale;
        matches.push({ scale: 'complaint', cue, weight: weight * scale, note: 'negated praise' });
        continue;
      }
      if (negated && label === 'complaint' && cueStems.length === 1) continue; // "tidak lama"
      if (label === 'question') {
        interrogatives += weight * scale;
      } else {
        labelScores[label] += weight * scale;
      }
      matches.push({ scale: label, cue, weight: weight * scale });
    }
  }
  if (words.some((w) => KAH_QUESTION.test(w))) interrogatives += 2; // as much as "apakah"
  for (const { cue, weight } of positionalQuestion(clausesOf(text))) {
    interrogatives += weight;
    matches.push({ scale: 'question', cue, weight });
  }
  labelScores.question += Math.min(interrogatives, INTERROGATIVE_CAP);
  if (words.includes(QUESTION_MARK)) {
    labelScores.question += QUESTION_MARK_WEIGHT;
    matches.push({ scale: 'question', cue: QUESTION_MARK, weight: QUESTION_MARK_WEIGHT });
  }
  if (words.includes(MENTION)) {
    labelScores.other += 1.5;
    matches.push({ scale: 'other', cue: '@mention', weight: 1.5 });
  }
  const waited = longWait(words, stemmed);
  if (waited) {
    labelScores.complaint += LONG_WAIT_WEIGHT;
    matches.push({
      scale: 'complaint',
      cue: 'long wait (antre/menunggu + N jam/hari)',
      weight: LONG_WAIT_WEIGHT,
    });
  }
  // "Mantap pelayanannya, antre 4 jam 🙄": praise next to a complaint and an eye-roll or a laugh is sarcasm.
  if (labelScores.complaint > 0 && labelScores.appreciation > 0 && words.some((w) => SARCASM.has(w))) {
    const praise = labelScores.appreciation;
    labelScores.complaint += praise;
    labelScores.appreciation = 0;
    matches.push({ scale: 'complaint', cue: 'praise with a sarcasm marker', weight: praise });
  }

  let label: Label = 'other';
  for (const l of LABELS) if (labelScores[l] > labelScores[label]) label = l;

  let urgentScore = 0;
  // "penyuluhan kejang demam", "obat sesak napas": the emergency word is a topic, not an event.
  // "tidak sadar kalau jadwalnya berubah" is not noticing, not being unconscious.
  const notAnEvent = (p: number, length: number): boolean =>
    cueTables().urgentTopics.has(stemmed[p - 1] ?? '') ||
    (cueTables().topicLinks.has(stemmed[p - 1] ?? '') &&
      cueTables().urgentTopics.has(stemmed[p - 2] ?? '')) ||
    COMPLEMENTISERS.has(words[p + length] ?? '');
  for (const compiled of cueTables().urgent) {
    const { cue, weight } = compiled;
    if (find(compiled).every((p) => notAnEvent(p, compiled.stems.length))) continue;
    urgentScore += weight;
    matches.push({ scale: 'urgent', cue, weight });
  }
  // Poisoning becomes an emergency when many people are affected.
  if (positions(stemmed, cueTables().poisoning).length > 0 && stemmed.some((s) => cueTables().crowd.has(s))) {
    urgentScore += 1;
    matches.push({ scale: 'urgent', cue: 'keracunan + many people', weight: 1 });
  }
  const urgent = urgentScore >= URGENT_THRESHOLD;
  // An emergency is something to act on: when it is not a question or praise, staff see it as a complaint.
  if (urgent && label === 'other') {
    label = 'complaint';
    matches.push({ scale: 'complaint', cue: '(urgent, not a question)', weight: 0 });
  }

  const categoryScores = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const category of CATEGORIES) {
    for (const compiled of cueTables().categories[category]) {
      const { cue, weight } = compiled;
      if (find(compiled).length === 0) continue;
      categoryScores[category] += weight;
      matches.push({ scale: category, cue, weight });
    }
  }
  if (waited) {
    categoryScores.waiting_time += LONG_WAIT_WEIGHT;
    matches.push({ scale: 'waiting_time', cue: 'long wait', weight: LONG_WAIT_WEIGHT });
  }
  let category: Category | null = null;
  if (label === 'complaint') {
    // Ties go to the earlier category in CATEGORIES. No cue at all: an unanswered emergency is about
    // responsiveness; anything else is about how the service was given.
    let best: Category = urgent ? 'responsiveness' : 'staff_attitude';
    for (const c of CATEGORIES) if (categoryScores[c] > categoryScores[best]) best = c;
    category = best;
  }

  return {
    label,
    category,
    urgent,
    normalised: words.join(' '),
    stems: stemmed,
    labelScores,
    categoryScores,
    urgentScore,
    matches,
  };
};

/**
 * What the model reads of a text: its stems (unigrams and bigrams), every rule cue that fired, the rules'
 * label and the categories whose cues fired. The rules' decision is one feature among others, so the model
 * learns where the rules are right and where they are not (docs/decisions/0021).
 */
export const modelFeatures = (rules: Explanation): string[] =>
  featuresOf({
    stems: rules.stems,
    cues: [
      ...rules.matches.map((m) => `${m.scale}:${m.cue}`),
      `rule:${rules.label}`,
      ...CATEGORIES.filter((c) => rules.categoryScores[c] > 0).map((c) => `has:${c}`),
    ],
  });

// Unpacked on the first classification, not at import: feedback-api's other routes never need it.
let model: ReturnType<typeof readModelFile> | undefined;
const MODEL = () => {
  model ??= readModelFile(weightsFile);
  return model;
};
/**
 * The model's label replaces the rules' only at this probability or more. Cross-validation on the training
 * files put 0.5 to 0.7 level (docs/decisions/0021); 0.7 keeps more decisions explainable as cues and keeps
 * the model's lean towards complaints (most training lines are complaints) off plain questions and remarks.
 */
const MODEL_LABEL_GATE = 0.7;

export interface ModelExplanation extends Explanation {
  /** What the rules alone decided. */
  readonly rules: Classification;
  /** The model's label and category (complaints only), with their probabilities. */
  readonly model: {
    readonly label: { value: Label; p: number };
    readonly category: { value: Category; p: number } | null;
  };
}

/**
 * Classifies one comment or message and shows why: the rules' cues and scores, what the rules alone
 * decided, and the model's probabilities. The model gives a complaint's category, and the label when its
 * probability reaches MODEL_LABEL_GATE; the rules give the urgent flag, and an emergency is never `other`.
 */
export const explain = (text: string): ModelExplanation => {
  const rules = explainRules(text);
  const features = modelFeatures(rules);
  const l = predict(MODEL().label, features);
  let label = l.p >= MODEL_LABEL_GATE ? (l.value as Label) : rules.label;
  if (rules.urgent && label === 'other') label = 'complaint';
  const c = label === 'complaint' ? predict(MODEL().category, features) : null;
  // An emergency with no category cue at all is, by the office's rule, about responsiveness.
  const noCue = CATEGORIES.every((k) => rules.categoryScores[k] === 0);
  const category = c === null ? null : rules.urgent && noCue ? 'responsiveness' : (c.value as Category);
  const categories = new Set<string>(CATEGORIES);
  return {
    ...rules,
    label,
    category,
    // Category cues are shown only for a complaint, where a category is given.
    matches: rules.matches.filter((m) => label === 'complaint' || !categories.has(m.scale)),
    rules: { label: rules.label, category: rules.category, urgent: rules.urgent },
    model: {
      label: { value: l.value as Label, p: l.p },
      category: c === null ? null : { value: c.value as Category, p: c.p },
    },
  };
};

/** Classifies one comment or message. */
export const classify = (text: string): Classification => {
  const { label, category, urgent } = explain(text);
  return { label, category, urgent };
};

/** The rules alone, for comparing them with the model (scripts/evaluate-classifier.ts --rules). */
export const classifyWithRules = (text: string): Classification => {
  const { label, category, urgent } = explainRules(text);
  return { label, category, urgent };
};

export { normalise, normaliseTokens, topicStems } from './classifier-text';
