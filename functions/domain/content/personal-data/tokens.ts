import { indonesianStemmer } from '../../support/stemmer';
import { GIVEN_NAMES } from './given-names';
import { NOT_NAMES } from './lexicon';

/**
 * Words, numbers and single symbols with their offsets. One pass of a regular expression with no nested
 * repetition, so the cost grows with the length of the text and nothing else.
 */
export interface Token {
  readonly text: string;
  readonly lower: string;
  readonly start: number;
  readonly end: number;
  readonly kind: 'word' | 'num' | 'sym';
  /** A line break lies between the previous token and this one. */
  readonly newline: boolean;
}

const TOKEN = /[\p{L}\p{M}]+|\p{Nd}+|[^\s\p{L}\p{M}\p{Nd}]/gu;

export const tokenize = (text: string): Token[] => {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    const s = m[0];
    const kind = /^\p{Nd}/u.test(s) ? 'num' : /^[\p{L}\p{M}]/u.test(s) ? 'word' : 'sym';
    tokens.push({
      text: s,
      lower: s.toLowerCase(),
      start,
      end: start + s.length,
      kind,
      newline: text.slice(last, start).includes('\n'),
    });
    last = start + s.length;
  }
  return tokens;
};

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  'tn',
  'ny',
  'nn',
  'an',
  'a',
  'n',
  'dr',
  'drg',
  'sdr',
  'sdri',
  'bpk',
  'jl',
  'jln',
  'gg',
  'no',
  'kec',
  'kel',
  'prof',
  'h',
  'hj',
  'st',
  'sp',
  'ns',
  'komp',
  'kp',
  'rt',
  'rw',
  'alm',
  'almh',
  'th',
  'thn',
  'bln',
  'ds',
  'kab',
  'm',
  's',
  'skm',
  'kes',
  'amd',
  'ir',
  'hlm',
  'vs',
  'yth',
  'dll',
  'dsb',
  'tsb',
]);

/** Splits tokens into sentences: [start, end) index ranges. */
export const sentences = (tokens: readonly Token[]): [number, number][] => {
  const out: [number, number][] = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    // A line break ends a sentence, unless the text just wraps: the line ends without a full stop, "!" or
    // "?" and the next starts in lower case ("Pasien Tn. Budi (45)\npositif TBC", as an image's lines read).
    const wraps = next?.kind === 'word' && /^\p{Ll}/u.test(next.text) && !['.', '!', '?'].includes(t.text);
    if (next?.newline && i + 1 > from && !wraps) {
      out.push([from, i + 1]);
      from = i + 1;
      continue;
    }
    if (t.text === '!' || t.text === '?') {
      out.push([from, i + 1]);
      from = i + 1;
      continue;
    }
    if (t.text !== '.') continue;
    const prev = tokens[i - 1];
    if (prev === undefined) continue;
    if (prev.kind === 'word' && (ABBREVIATIONS.has(prev.lower) || prev.text.length === 1)) continue;
    if (next !== undefined && next.kind === 'num' && prev.kind === 'num') continue;
    if (next !== undefined && next.start === t.end) continue;
    out.push([from, i + 1]);
    from = i + 1;
  }
  if (from < tokens.length) out.push([from, tokens.length]);
  return out;
};

const commonCache = new Map<string, boolean>();

/**
 * Whether a lower-case word is an ordinary Indonesian word (in the stemmer's dictionary, as it is or once
 * its affixes are taken off) rather than a name. Names on the given-name list are never ordinary.
 */
export const isOrdinaryWord = (lower: string): boolean => {
  if (GIVEN_NAMES.has(lower)) return false;
  if (NOT_NAMES.has(lower)) return true;
  if (lower.length > 30) return false;
  const cached = commonCache.get(lower);
  if (cached !== undefined) return cached;
  let ordinary = false;
  // Outside the try: a stemmer that cannot load is a fault to report, not a word to treat as a name.
  const stemmer = indonesianStemmer();
  try {
    if (stemmer.find(lower)) ordinary = true;
    else {
      const root = stemmer.stem(lower);
      ordinary = root !== lower && root.length >= 3 && stemmer.find(root);
    }
  } catch {
    ordinary = false;
  }
  if (commonCache.size > 20_000) commonCache.clear();
  commonCache.set(lower, ordinary);
  return ordinary;
};

const CAPITALISED = /^\p{Lu}[\p{Ll}\p{M}]+$/u;
const ALL_CAPS = /^\p{Lu}{3,}$/u;

/** A word that can be part of a name: capitalised and not an ordinary word, or a known given name. */
export const isNameWord = (t: Token | undefined): boolean => {
  if (t === undefined || t.kind !== 'word') return false;
  if (CAPITALISED.test(t.text)) return !isOrdinaryWord(t.lower);
  return ALL_CAPS.test(t.text) && GIVEN_NAMES.has(t.lower);
};

export const isGivenName = (t: Token | undefined): boolean =>
  t !== undefined &&
  t.kind === 'word' &&
  (CAPITALISED.test(t.text) || ALL_CAPS.test(t.text)) &&
  GIVEN_NAMES.has(t.lower);

/** A capitalised word, ordinary or not ("Kang Dadan", "Pasien Budi"). */
export const isCapitalised = (t: Token | undefined): boolean =>
  t !== undefined && t.kind === 'word' && (CAPITALISED.test(t.text) || ALL_CAPS.test(t.text));
