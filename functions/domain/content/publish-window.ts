import type { FieldIssue } from '../../common/errors';

const DAY_MS = 86_400_000;

/** The field issue when `publishAt` is further ahead than `maxDays` from `now`, else undefined. */
export const publishAtTooFar = (publishAt: Date, now: Date, maxDays: number): FieldIssue | undefined =>
  Number.isNaN(publishAt.getTime()) || publishAt.getTime() > now.getTime() + maxDays * DAY_MS
    ? { path: 'publishAt', message: `must be at most ${maxDays} days ahead` }
    : undefined;
