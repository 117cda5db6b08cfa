import type { Platform } from '../content/content';

/**
 * Reach (Instagram) or impressions (X), interactions, and the engagement rate between them (rounded to 4
 * decimals; undefined when nothing was seen). One definition for the per-item evaluation and the report.
 */
export const audience = (platform: Platform | string, v: Record<string, number>) => {
  const reachOrImpressions = platform === 'instagram' ? (v.reach ?? 0) : (v.impression_count ?? 0);
  const interactions =
    platform === 'instagram'
      ? (v.likes ?? 0) + (v.comments ?? 0) + (v.shares ?? 0) + (v.saved ?? 0)
      : (v.like_count ?? 0) +
        (v.retweet_count ?? 0) +
        (v.reply_count ?? 0) +
        (v.quote_count ?? 0) +
        (v.bookmark_count ?? 0);
  const engagementRate = reachOrImpressions
    ? Math.round((interactions / reachOrImpressions) * 10_000) / 10_000
    : undefined;
  return { reachOrImpressions, interactions, engagementRate };
};

export const engagementRate = (platform: Platform | string, v: Record<string, number>): number | undefined =>
  audience(platform, v).engagementRate;
