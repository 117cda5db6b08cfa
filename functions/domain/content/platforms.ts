// The platforms and which images each gets. No schemas here: functions that only route by platform (the
// publishers, the inbox, the status recorder) import this instead of content.ts, whose zod schemas would
// otherwise be built at every cold start (docs/decisions/0023).

export const platforms = ['instagram', 'x'] as const;
export type Platform = (typeof platforms)[number];

/** The images one platform gets: those meant for it, or for every platform. */
export const mediaFor = <M extends { readonly platforms?: readonly Platform[] | undefined }>(
  media: readonly M[],
  platform: Platform,
): M[] => media.filter((m) => !m.platforms || m.platforms.includes(platform));
