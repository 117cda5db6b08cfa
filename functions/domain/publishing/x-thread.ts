import twitterText from 'twitter-text';

export const X_LIMIT = 280;

/** X counts weighted characters: URLs as 23, emoji and CJK as 2. */
export const weightedLength = (text: string): number => twitterText.parseTweet(text).weightedLength;

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
