import { indonesianStemmer } from '../support/stemmer';
import {
  CATEGORY_CUES,
  EMOJI,
  LABEL_CUES,
  OFFICIAL_HANDLE_PARTS,
  PHRASES,
  STEM_ALIASES,
  URGENT_CUES,
  WORDS,
} from './classifier-lexicon';

/**
 * How the classifier reads a text: tokens, informal and Sundanese spellings made standard, stems. Kept apart
 * from the model so that code that only matches words (fact-finding's related feedback) does not load the
 * classifier's weights.
 */

export const stems = new Map<string, string>();
const stemOf = (word: string): string => {
  let s = stems.get(word);
  if (s === undefined) {
    s = /^[a-z]+$/.test(word) ? indonesianStemmer().stem(word) : word;
    stems.set(word, s);
  }
  return s;
};
const isRoot = (word: string): boolean => indonesianStemmer().find(word);

export const MENTION = 'xmention';
export const QUESTION_MARK = '?';

const OFFICIAL_HANDLE = new RegExp(OFFICIAL_HANDLE_PARTS.join('|'));
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Emoji anywhere; emoticons only when not glued to a digit (a time "10:30") or followed by a letter. */
const EMOJI_PATTERN = new RegExp(
  Object.values(EMOJI)
    .flat()
    .sort((a, b) => b.length - a.length)
    .map((e) => (/^[\x20-\x7e]+$/.test(e) ? `(?<!\\d)${escapeRegExp(e)}(?![a-z0-9/])` : escapeRegExp(e)))
    .join('|'),
  'gu',
);
const EMOJI_WORDS = new Set(Object.keys(EMOJI));
const EMOJI_WORD = new Map(Object.entries(EMOJI).flatMap(([word, list]) => list.map((e) => [e, word])));

/** Words the lexicon knows, so that "makasiiih" is read as "makasih" and "maaaf" as "maaf". */
let knownWords: Set<string> | undefined;
const isKnown = (word: string): boolean => {
  knownWords ??= new Set(
    [
      ...Object.keys(WORDS),
      ...Object.keys(PHRASES),
      ...[LABEL_CUES.complaint, LABEL_CUES.question, LABEL_CUES.appreciation, LABEL_CUES.other]
        .concat(Object.values(CATEGORY_CUES), [URGENT_CUES])
        .flatMap((cues) => Object.keys(cues)),
    ].flatMap((key) => key.replace(/^=/, '').split(' ')),
  );
  return knownWords.has(word) || isRoot(word) || (stemOf(word) !== word && isRoot(stemOf(word)));
};

/**
 * Undoes letters stretched for emphasis ("lamaaa", "makasiiih", "kereen"): each run of a repeated letter
 * is tried once and twice, and the first known word wins. A run of three or more is collapsed to one
 * letter when nothing is known; a doubled letter in an unknown word ("aa", a name) is left as written.
 */
const unstretch = (word: string): string => {
  if (!/^[a-z]+$/.test(word) || !/([a-z])\1/.test(word)) return word;
  const stretched = /([a-z])\1\1/.test(word);
  if (!stretched && (word.length < 3 || isKnown(word))) return word; // "gg" is gang, "aa" a brother
  const pieces = word.match(/([a-z])\1*/g) ?? [];
  const runs = pieces.filter((p) => p.length > 1).length;
  if (runs <= 4) {
    for (let mask = 0; mask < 1 << runs; mask++) {
      let r = 0;
      const candidate = pieces
        .map((p) => {
          if (p.length === 1) return p;
          const twice = (mask >> r++) & 1;
          return twice ? p.slice(0, 2) : p.slice(0, 1);
        })
        .join('');
      if (candidate !== word && candidate.length > 1 && isKnown(candidate)) return candidate;
    }
  }
  return stretched ? word.replace(/([a-z])\1+/g, '$1') : word;
};

/** Laughter ("wkwkwk", "hahaha", "xixixi") as one word, polite "hehe" as another, "ckckck" as dismay. */
const laughter = (word: string): string => {
  if (word.length < 4) return word;
  if (/^(?:w+k+)+w*$/.test(word) || /^(?:h+a+)+h*$/.test(word) || /^(?:x+i+)+$/.test(word)) return 'wkwk';
  if (/^a?wok(?:wok)+$/.test(word)) return 'wkwk';
  if (/^(?:h+[ei]+)+h*$/.test(word)) return 'hehe';
  if (/^(?:c+k+)+$/.test(word)) return 'astaga';
  return word;
};

/**
 * Lower-cases and splits into word tokens and '?'. Emoji and emoticons become words (see EMOJI), accents
 * and apostrophes go ("saé", "jum'at"), stretched letters are undone, and reduplication collapses
 * ("maju2", "ibu-ibu", "antri-antri").
 */
const tokenize = (text: string): string[] => {
  const cleaned = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@[\w.]+/g, (handle) => (OFFICIAL_HANDLE.test(handle) ? ' admin ' : ` ${MENTION} `))
    .replace(EMOJI_PATTERN, (e) => ` ${EMOJI_WORD.get(e) ?? ''} `)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/([a-z])['\u2019`]([a-z])/g, '$1$2')
    .replace(/(\d+)([a-z]+)/g, '$1 $2')
    .replace(/([a-z]{2,})2(?![0-9])/g, '$1');
  const tokens: string[] = [];
  for (const raw of cleaned.match(/[a-z0-9]+(?:-[a-z0-9]+)*|\?/g) ?? []) {
    const parts = raw.split('-').map((p) => unstretch(laughter(p)));
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

export const stemAll = (words: readonly string[]): string[] =>
  words.map((w) => STEM_ALIASES[stemOf(w)] ?? stemOf(w));

/** The stemmed, normalised words of a text, for matching citizens' messages to content by topic. */
export const topicStems = (text: string): string[] =>
  stemAll(normaliseTokens(text).filter((w) => /^[a-z]+$/.test(w) && !EMOJI_WORDS.has(w)));
