import * as z from 'zod';

/**
 * The rule for a bucket key staff may point at: under `uploads/` or `media/`, plain path segments of
 * letters, digits, `_`, `-` and `.`, one `/` between segments. No `.` or `..` segment, no empty segment
 * (`//`, a trailing `/`), no backslash, no `%` (so no percent-encoded `..` or `/`), nothing outside ASCII.
 * Never throws, whatever it is given.
 */
export const isSafeMediaKey = (key: unknown): boolean => {
  if (typeof key !== 'string' || key.length === 0 || key.length > 300) return false;
  if (!/^(uploads|media)\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(key)) return false;
  return key.split('/').every((segment) => segment !== '.' && segment !== '..');
};

export const MEDIA_KEY_MESSAGE =
  'must be a key under uploads/ or media/ made of plain segments (no "..", "//", "\\" or "%")';

export const mediaKey = z.string().max(300).refine(isSafeMediaKey, MEDIA_KEY_MESSAGE);
