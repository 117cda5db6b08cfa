import { sentences, type Token, tokenize } from './tokens';

/** A text read once: its tokens, its sentences and which sentence each token is in. */
export interface ReadText {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly [number, number][];
  /** sentenceOf[i] is the index in `sentences` of token i. */
  readonly sentenceOf: readonly number[];
}

export const readText = (text: string): ReadText => {
  const tokens = tokenize(text);
  const spans = sentences(tokens);
  const sentenceOf: number[] = new Array(tokens.length).fill(0);
  spans.forEach(([from, to], s) => {
    for (let i = from; i < to; i++) sentenceOf[i] = s;
  });
  return { text, tokens, sentences: spans, sentenceOf };
};

/** Index of the first token that starts at or after a character offset (tokens.length when none). */
export const tokenAt = (t: ReadText, offset: number): number => {
  let lo = 0;
  let hi = t.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((t.tokens[mid] as Token).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** The lower-case words of tokens [from, to), skipping symbols. */
export const wordsBetween = (t: ReadText, from: number, to: number): string[] => {
  const out: string[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, t.tokens.length); i++) {
    const tok = t.tokens[i] as Token;
    if (tok.kind === 'word') out.push(tok.lower);
  }
  return out;
};

/** The first token index of the sentence token i is in. */
export const sentenceStart = (t: ReadText, i: number): number => t.sentences[t.sentenceOf[i] ?? 0]?.[0] ?? 0;
