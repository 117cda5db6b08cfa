/**
 * Keyword watches: words the office wants to hear about at once in what citizens write (an outbreak or a
 * poisoning shows up in comments before it reaches a report). Matching ignores case, punctuation and
 * hashtags, and needs whole words, so "dbd" matches "#DBD" and "DBD!" but not "adbdx".
 */
const normalise = (s: string): string =>
  ` ${s
    .normalize('NFKC')
    .toLocaleLowerCase('id')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

export const parseWatchList = (raw: string): string[] => [
  ...new Set(
    raw
      .split(',')
      .map((w) => normalise(w).trim())
      .filter(Boolean),
  ),
];

/** The watched keywords the text mentions, in the order of the watch list. */
export const watchesIn = (text: string, watchList: readonly string[]): string[] => {
  const t = normalise(text);
  return watchList.filter((w) => t.includes(` ${w} `));
};
