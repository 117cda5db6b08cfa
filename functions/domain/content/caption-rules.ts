import { splitForX } from '../publishing/x-thread';

/**
 * The platforms' caption rules, with no Node-only imports, so the staff console counts and warns with
 * exactly the code that refuses a caption at submission.
 */

export const X_MAX_THREAD = 10;

export const INSTAGRAM_MAX_CHARACTERS = 2200;
export const INSTAGRAM_MAX_HASHTAGS = 30;
export const INSTAGRAM_MAX_MENTIONS = 20;

/** Characters as Instagram counts them (code points, so an emoji is one). */
export const instagramCharacters = (caption: string): number => [...caption].length;
export const countHashtags = (caption: string): number =>
  caption.match(/(^|\s)#[\p{L}\p{N}_]+/gu)?.length ?? 0;
export const countMentions = (caption: string): number =>
  caption.match(/(^|\s)@[A-Za-z0-9._]+/g)?.length ?? 0;

/** Platform caption rules, checked at submission so a bad item is refused before anyone approves it. */
export const captionProblems = (caption: string, targets: readonly ('instagram' | 'x')[]): string[] => {
  const problems: string[] = [];
  if (targets.includes('instagram')) {
    if (instagramCharacters(caption) > INSTAGRAM_MAX_CHARACTERS)
      problems.push('Instagram captions are limited to 2,200 characters');
    const hashtags = countHashtags(caption);
    if (hashtags > INSTAGRAM_MAX_HASHTAGS)
      problems.push(`Instagram allows at most 30 hashtags (this caption has ${hashtags})`);
    const mentions = countMentions(caption);
    if (mentions > INSTAGRAM_MAX_MENTIONS)
      problems.push(`Instagram allows at most 20 mentions (this caption has ${mentions})`);
  }
  if (targets.includes('x') && splitForX(caption).length > X_MAX_THREAD) {
    problems.push(`On X this caption would need a thread of more than ${X_MAX_THREAD} posts; shorten it`);
  }
  return problems;
};
