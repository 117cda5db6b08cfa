import {
  countHashtags,
  countMentions,
  INSTAGRAM_MAX_CHARACTERS,
  INSTAGRAM_MAX_HASHTAGS,
  INSTAGRAM_MAX_MENTIONS,
  instagramCharacters,
  X_MAX_THREAD,
} from '../../../functions/domain/content/caption-rules';
import { splitForX, weightedLength, X_LIMIT } from '../../../functions/domain/publishing/x-thread';

/**
 * The live counters beside the caption, computed with the server's own rules (caption-rules.ts and
 * x-thread.ts), so what the console says fits is exactly what POST /content accepts and what X receives.
 */

export interface Count {
  readonly used: number;
  readonly limit: number;
  readonly over: boolean;
}

const count = (used: number, limit: number): Count => ({ used, limit, over: used > limit });

export interface InstagramCounts {
  readonly characters: Count;
  readonly hashtags: Count;
  readonly mentions: Count;
}

export const instagramCounts = (caption: string): InstagramCounts => ({
  characters: count(instagramCharacters(caption), INSTAGRAM_MAX_CHARACTERS),
  hashtags: count(countHashtags(caption), INSTAGRAM_MAX_HASHTAGS),
  mentions: count(countMentions(caption), INSTAGRAM_MAX_MENTIONS),
});

export interface ThreadPost {
  readonly text: string;
  readonly weighted: number;
}

export interface XPreview {
  /** Weighted length of the whole caption (URLs 23, emoji and CJK 2). */
  readonly weighted: number;
  readonly limit: number;
  /** The posts exactly as the server will publish them (one post, or a numbered thread). */
  readonly posts: readonly ThreadPost[];
  readonly maxPosts: number;
  readonly tooLong: boolean;
}

export const xPreview = (caption: string): XPreview => {
  const trimmed = caption.trim();
  const posts = trimmed ? splitForX(trimmed).map((text) => ({ text, weighted: weightedLength(text) })) : [];
  return {
    weighted: weightedLength(trimmed),
    limit: X_LIMIT,
    posts,
    maxPosts: X_MAX_THREAD,
    tooLong: posts.length > X_MAX_THREAD,
  };
};

/** True when any counter for the chosen platforms is over its limit. */
export const captionOverLimits = (
  caption: string,
  platforms: { instagram: boolean; x: boolean },
): boolean => {
  if (platforms.instagram) {
    const c = instagramCounts(caption);
    if (c.characters.over || c.hashtags.over || c.mentions.over) return true;
  }
  return platforms.x && xPreview(caption).tooLong;
};
