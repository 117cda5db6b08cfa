import { Stemmer } from 'sastrawijs';
import {
  CATEGORIES,
  CATEGORY_CUES,
  type Category,
  CONTRASTS,
  CROWD_WORDS,
  type Cues,
  LABEL_CUES,
  NEGATORS,
  PHRASES,
  STEM_ALIASES,
  URGENT_CUES,
  URGENT_THRESHOLD,
  WORDS,
} from './classifier-lexicon';

/**
 * Classifies citizens' comments and messages (Indonesian, informal, with Sundanese mixed in) into a label,
 * a complaint category and an urgent flag. Rules and word lists, not a model: deterministic, no downloads,
 * and every decision can be shown to staff as the cues that produced it (see docs/decisions/0006).
 */

export const LABELS = ['complaint', 'question', 'appreciation', 'other'] as const;
export type Label = (typeof LABELS)[number];
export type { Category };

export interface Classification {
  label: Label;
  /** Set for complaints only. */
  category: Category | null;
  /** An emergency (someone unconscious, chest pain, mass poisoning...), whatever the label. */
  urgent: boolean;
}

const stemmer = new Stemmer();
const stems = new Map<string, string>();
const stemOf = (word: string): string => {
  let s = stems.get(word);
  if (s === undefined) {
    s = /^[a-z]+$/.test(word) ? stemmer.stem(word) : word;
    stems.set(word, s);
  }
  return s;
};
const isRoot = (word: string): boolean => stemmer.find(word);

const MENTION = 'xmention';
const QUESTION_MARK = '?';

/** Lower-cases and splits into word tokens and '?'; collapses reduplication ("maju2", "ibu-ibu"). */
const tokenize = (text: string): string[] => {
  const cleaned = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@[\w.]+/g, ` ${MENTION} `)
    .replace(/(\d+)([a-z]+)/g, '$1 $2')
    .replace(/([a-z]{2,})2(?![0-9])/g, '$1');
  const tokens: string[] = [];
  for (const raw of cleaned.match(/[a-z0-9]+(?:-[a-z0-9]+)*|\?/g) ?? []) {
    const parts = raw.split('-');
    const [first, second] = parts;
    if (parts.length === 2 && first && second && (first === second || first.endsWith(second))) {
      tokens.push(first === 'apa' ? 'apapun' : first);
    } else {
      tokens.push(...parts);
    }
  }
  return tokens;
};

/** Standard Indonesian for a colloquial or Sundanese form the map does not list, when a candidate is a root. */
const standardise = (word: string): string => {
  if (!/^[a-z]{4,}$/.test(word) || isRoot(word)) return word;
  const colloquialIn = /^(di|ng|ny|n|ke|m).+in$/.test(word);
  if (!colloquialIn && isRoot(stemOf(word)) && stemOf(word) !== word) return word;
  const candidates: string[] = [];
  if (word.endsWith('keun')) candidates.push(`${word.slice(0, -4)}kan`); // Sundanese -keun = -kan
  if (colloquialIn) {
    const base = word.slice(0, -2); // Jakarta-style -in = -kan / -i
    candidates.push(`${base}kan`, `${base}i`, base);
  }
  if (word.endsWith('na')) candidates.push(word.slice(0, -2)); // Sundanese possessive -na = -nya
  for (const c of [...candidates, word]) {
    // Colloquial nasal prefixes: ngantri, ngusir, nelpon, nyari, ngajawab (Sundanese nga-).
    if (c.startsWith('nge')) candidates.push(c.slice(3));
    if (c.startsWith('nga')) candidates.push(c.slice(3));
    if (c.startsWith('ng')) candidates.push(c.slice(2));
    else if (c.startsWith('ny')) candidates.push(`s${c.slice(2)}`, `c${c.slice(2)}`);
    else if (c.startsWith('n')) candidates.push(`t${c.slice(1)}`);
  }
  for (const c of candidates) {
    const mapped = WORDS[c] ?? c;
    if (c.length >= 3 && (isRoot(mapped) || isRoot(stemOf(mapped)))) return mapped;
  }
  return word;
};

const PHRASE_LENGTHS = [...new Set(Object.keys(PHRASES).map((p) => p.split(' ').length))].sort(
  (a, b) => b - a,
);

/**
 * Normalises text to standard Indonesian words: informal spellings and abbreviations (yg, gak, blm, udh,
 * bgt, min, kak), Sundanese (punten, hatur nuhun, kumaha, teu acan, lami pisan, seep) and colloquial
 * affixes. Returns the words, with '?' kept as a token.
 */
export const normaliseTokens = (text: string): string[] => {
  const raw = tokenize(text);
  const out: string[] = [];
  for (let i = 0; i < raw.length; ) {
    let matched = false;
    for (const n of PHRASE_LENGTHS) {
      const phrase = PHRASES[raw.slice(i, i + n).join(' ')];
      if (i + n <= raw.length && phrase !== undefined) {
        out.push(...phrase.split(' '));
        i += n;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const word = raw[i] as string;
    // "ka": Sundanese "to" mid-sentence, "kakak" when it opens the message ("Ka, ...").
    const mapped = word === 'ka' ? (i === 0 ? 'kakak' : 'ke') : (WORDS[word] ?? standardise(word));
    out.push(...mapped.split(' '));
    i += 1;
  }
  return out;
};

/** The normalised text as one string, for tests and for showing staff what the classifier read. */
export const normalise = (text: string): string => normaliseTokens(text).join(' ');

const stemAll = (words: readonly string[]): string[] =>
  words.map((w) => STEM_ALIASES[stemOf(w)] ?? stemOf(w));

interface CompiledCue {
  readonly cue: string;
  /** Stems, or normalised words when exact. */
  readonly stems: readonly string[];
  readonly exact: boolean;
  readonly weight: number;
}

/** Cues go through the same normalisation and stemming as citizens' text, once, at load. */
const compile = (cues: Cues): CompiledCue[] =>
  Object.entries(cues).map(([key, weight]) => {
    const exact = key.startsWith('=');
    const cue = exact ? key.slice(1) : key;
    const words = normaliseTokens(cue);
    return { cue, stems: exact ? words : stemAll(words), exact, weight };
  });

const COMPILED_LABELS = Object.fromEntries(
  LABELS.map((label) => [label, compile(LABEL_CUES[label])]),
) as Record<Label, CompiledCue[]>;
const COMPILED_CATEGORIES = Object.fromEntries(
  CATEGORIES.map((category) => [category, compile(CATEGORY_CUES[category])]),
) as Record<Category, CompiledCue[]>;
const COMPILED_URGENT = compile(URGENT_CUES);
const NEGATOR_STEMS = new Set(stemAll(NEGATORS));
const CONTRAST_STEMS = new Set(stemAll(CONTRASTS));
const CROWD_STEMS = new Set(stemAll(CROWD_WORDS));
const POISONING = stemAll(['keracunan']);

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
/** Cues in the clause before "tapi" count this much ("bagus, tapi ..." is about what follows). */
const BEFORE_CONTRAST = 0.5;

/** Classifies one comment or message and shows the cues behind the decision. */
export const explain = (text: string): Explanation => {
  const words = normaliseTokens(text);
  const stemmed = stemAll(words);
  const find = (cue: CompiledCue): number[] => positions(cue.exact ? words : stemmed, cue.stems);
  const matches: Match[] = [];
  let lastContrast = -1;
  stemmed.forEach((s, i) => {
    if (CONTRAST_STEMS.has(s)) lastContrast = i;
  });

  const labelScores: Record<Label, number> = {
    complaint: 0,
    question: 0,
    appreciation: 0,
    other: OTHER_BASELINE,
  };
  let interrogatives = 0;
  for (const label of LABELS) {
    for (const compiled of COMPILED_LABELS[label]) {
      const { cue, stems: cueStems, weight } = compiled;
      const at = find(compiled);
      if (at.length === 0) continue;
      const start = at[at.length - 1] as number;
      const negated =
        at.every((p) => NEGATOR_STEMS.has(stemmed[p - 1] ?? '')) && !NEGATOR_STEMS.has(cueStems[0] ?? '');
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
  labelScores.question += Math.min(interrogatives, INTERROGATIVE_CAP);
  if (words.includes(QUESTION_MARK)) {
    labelScores.question += QUESTION_MARK_WEIGHT;
    matches.push({ scale: 'question', cue: QUESTION_MARK, weight: QUESTION_MARK_WEIGHT });
  }
  if (words.includes(MENTION)) {
    labelScores.other += 1.5;
    matches.push({ scale: 'other', cue: '@mention', weight: 1.5 });
  }

  let label: Label = 'other';
  for (const l of LABELS) if (labelScores[l] > labelScores[label]) label = l;

  let urgentScore = 0;
  for (const compiled of COMPILED_URGENT) {
    const { cue, weight } = compiled;
    if (find(compiled).length === 0) continue;
    urgentScore += weight;
    matches.push({ scale: 'urgent', cue, weight });
  }
  // Poisoning becomes an emergency when many people are affected.
  if (positions(stemmed, POISONING).length > 0 && stemmed.some((s) => CROWD_STEMS.has(s))) {
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
    for (const compiled of COMPILED_CATEGORIES[category]) {
      const { cue, weight } = compiled;
      if (find(compiled).length === 0) continue;
      categoryScores[category] += weight;
      if (label === 'complaint') matches.push({ scale: category, cue, weight });
    }
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

/** Classifies one comment or message. */
export const classify = (text: string): Classification => {
  const { label, category, urgent } = explain(text);
  return { label, category, urgent };
};

/** The stemmed, normalised words of a text, for matching citizens' messages to content by topic. */
export const topicStems = (text: string): string[] =>
  stemAll(normaliseTokens(text).filter((w) => /^[a-z]+$/.test(w)));
