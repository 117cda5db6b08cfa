import { once } from '../support/once';

export const X_LIMIT = 280;

/**
 * X's weighted length ("counting characters", twitter-text's configuration v3), computed here rather than
 * with the twitter-text package, which with its core-js polyfills and emoji table added about 72 KB to
 * every bundle and to the console (docs/decisions/0023). The rules: the text is taken in NFC; a code point
 * in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F or U+2032–U+2037 weighs 1 and any other 2; a URL weighs
 * 23 however long; an emoji weighs 2.
 *
 * Where X's own URL and emoji recognition cannot be repeated exactly without its tables, this counts at
 * least what X counts, never less, so a part this accepts is never refused as too long:
 * - a URL with `http(s)://` whose host ends in a top-level domain listed below weighs 23; with another
 *   ending, the larger of 23 and its own length;
 * - a domain written without the protocol (`dinkes.bandung.go.id/dbd`) weighs the larger of 23 and its own
 *   length, since X counts it as a URL or as text by rules of its own;
 * - an emoji that is one pictograph (with or without the emoji presentation selector) weighs 2; longer
 *   sequences (flags, skin tones, joined emoji) weigh what their code points weigh, which is at least 2.
 * `test/unit/x-weighted-length.test.ts` checks this against twitter-text itself, which the local X
 * sandbox still uses to refuse a post over the limit, as X would.
 */

const ONE = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
] as const;
const URL_WEIGHT = 23;

const codePointWeight = (cp: number): number => (ONE.some(([lo, hi]) => cp >= lo && cp <= hi) ? 1 : 2);

/** The top-level domains a link from the office usually ends in; X knows them all, and more. */
const KNOWN_TLDS = new Set(
  (
    'id com net org info biz gov edu mil int io co me tv ly gl be ee to app dev page link news health ' +
    'care online site web website live media tech asia global world uk us au sg my jp kr cn in de fr nl'
  ).split(' '),
);

const plainWeight = (text: string): number => {
  let n = 0;
  for (const ch of text) n += codePointWeight(ch.codePointAt(0) ?? 0);
  return n;
};

const PICTOGRAPH = /^\p{Extended_Pictographic}\uFE0F?$/u;
const WIDE = /[^\p{Cc}\u0020-\u10ff]/u;
// The staff console runs this too; a browser without Intl.Segmenter (Firefox before 125) counts every
// emoji by its code points, which is never less than X's count.
const segmenter = once(() =>
  typeof Intl.Segmenter === 'function'
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : undefined,
);

const textWeight = (text: string): number => {
  // Text of weight-1 code points only (most captions) weighs its length.
  if (!WIDE.test(text)) return text.length;
  const graphemes = segmenter();
  if (!graphemes) return plainWeight(text);
  let n = 0;
  for (const { segment } of graphemes.segment(text)) n += PICTOGRAPH.test(segment) ? 2 : plainWeight(segment);
  return n;
};

// X does not start a URL after a letter, digit, @, $ or # (twitter-text's valid preceding characters), nor
// after their full-width forms, written as escapes: one non-ASCII character in a bundle makes V8 hold its
// whole source as two-byte text, slower to read at every cold start (docs/decisions/0023).
const NOT_BEFORE = String.raw`(?<![\p{L}\p{N}@\uFF20$#\uFF03_./-])`;
// Only characters X keeps inside a URL's host, path and query: where X's URL may end sooner (at a bracket,
// a quote, a letter outside ASCII), this one ends sooner too and the rest is counted as text.
const URL_CHARS = String.raw`[A-Za-z0-9\-._~:/?#@!$&*+,;=%|]`;
const WITH_PROTOCOL = new RegExp(String.raw`${NOT_BEFORE}https?:\/\/${URL_CHARS}+`, 'giu');
const WITHOUT_PROTOCOL = new RegExp(
  String.raw`${NOT_BEFORE}(?:[\p{L}\p{N}][\p{L}\p{N}-]*\.)+\p{L}{2,}(?![\p{L}\p{N}])(?:[/?#]${URL_CHARS}*)?`,
  'giu',
);
// Characters a URL does not end with (twitter-text's path and query endings): left as text after it.
const TRAILING = /[.,:;!?*$%|&@~]+$/u;

interface Link {
  readonly start: number;
  readonly end: number;
  readonly weight: number;
}

const links = (text: string): Link[] => {
  const found: Link[] = [];
  for (const m of text.matchAll(WITH_PROTOCOL)) {
    const url = m[0].replace(TRAILING, '');
    const host = (/^https?:\/\/([^/?#:]+)/i.exec(url)?.[1] ?? '').toLowerCase();
    const tld = host.includes('.') ? host.slice(host.lastIndexOf('.') + 1) : '';
    const start = m.index ?? 0;
    found.push({
      start,
      end: start + url.length,
      weight: KNOWN_TLDS.has(tld) ? URL_WEIGHT : Math.max(URL_WEIGHT, textWeight(url)),
    });
  }
  for (const m of text.matchAll(WITHOUT_PROTOCOL)) {
    const start = m.index ?? 0;
    const domain = m[0].replace(TRAILING, '');
    if (found.some((l) => start < l.end && start + domain.length > l.start)) continue;
    found.push({ start, end: start + domain.length, weight: Math.max(URL_WEIGHT, textWeight(domain)) });
  }
  return found.sort((a, b) => a.start - b.start);
};

/** X counts weighted characters: URLs as 23, emoji and CJK as 2 (see above). */
export const weightedLength = (input: string): number => {
  const text = input.normalize('NFC');
  let n = 0;
  let at = 0;
  for (const link of links(text)) {
    n += textWeight(text.slice(at, link.start)) + link.weight;
    at = link.end;
  }
  return n + textWeight(text.slice(at));
};

const SUFFIX_ROOM = 8; // " (12/12)"

/**
 * Splits a caption into a numbered thread when it is over X's limit: at sentence boundaries first,
 * then at word boundaries, never inside a word unless one word alone is over the limit.
 */
export const splitForX = (text: string, limit = X_LIMIT): string[] => {
  const clean = text.trim();
  if (weightedLength(clean) <= limit) return [clean];
  const room = limit - SUFFIX_ROOM;
  const sentences = clean.match(/[^.!?\n]+(?:[.!?]+|\n+|$)\s*/g) ?? [clean];
  const chunks: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim()) chunks.push(current.trim());
    current = '';
  };
  for (const sentence of sentences) {
    if (weightedLength(current + sentence) <= room) {
      current += sentence;
      continue;
    }
    push();
    if (weightedLength(sentence) <= room) {
      current = sentence;
      continue;
    }
    for (const word of sentence.split(/(?<=\s)/)) {
      if (weightedLength(current + word) <= room) current += word;
      else {
        push();
        let rest = word;
        while (weightedLength(rest) > room) {
          let cut = room;
          while (cut > 1 && weightedLength(rest.slice(0, cut)) > room) cut -= 1;
          chunks.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        current = rest;
      }
    }
  }
  push();
  return chunks.map((c, i) => `${c} (${i + 1}/${chunks.length})`);
};
