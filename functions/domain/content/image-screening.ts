import type { MediaRef } from './content';
import { findingReason, screenFindings } from './screening';

/**
 * The personal-data screen applied to what an item's images say: each image's text is read (OCR, through
 * the port below) and screened like the caption. A finding names the image and what was found, masked.
 * An image that cannot be read is not passed silently: it becomes a warning the approver and staff see,
 * but it does not block the item on its own (docs/decisions/0016).
 */

/** Reads the text of one stored image; throws when it cannot (unreadable, timed out). */
export type ReadImageText = (key: string) => Promise<{ readonly text: string; readonly ms: number }>;

/** What fact-finding keeps about one image's text, for staff. Never holds a long digit run unmasked. */
export interface ImageTextRecord {
  readonly index: number;
  readonly ok: boolean;
  /** OCR wall time for this image. */
  readonly ms: number;
  /** The start of what was read, whitespace folded, digit runs masked. */
  readonly excerpt?: string;
  /** Why the image could not be read. */
  readonly problem?: string;
}

export interface ImageScreening {
  /** Blocking reasons, one per finding: `media.0 (image text): contains what looks like a NIK (3273…)`. */
  readonly reasons: string[];
  /** Images whose text could not be read, in words (they do not block, they are shown). */
  readonly warnings: string[];
  readonly images: ImageTextRecord[];
}

const EXCERPT_CHARS = 300;
const LABEL_CHARS = 40;

/** Digit runs of six or more digits (spaces, dots and dashes between groups) become their first four and "…". */
export const maskDigitRuns = (text: string): string =>
  text.replace(/\d+(?:[ .-]\d+)*/g, (run) => {
    const digits = run.replace(/\D/g, '');
    return digits.length >= 6 ? `${digits.slice(0, 4)}…` : run;
  });

const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * How a reason names image i: its position as the other fields do (`media.0`), and its alt text when it has
 * one, shortened and masked, without the parentheses the label is wrapped in.
 */
export const imageLabel = (media: Pick<MediaRef, 'altText'>, index: number): string => {
  const alt = maskDigitRuns(fold(media.altText ?? '').replace(/[()"]/g, ''));
  const short = alt.length > LABEL_CHARS ? `${alt.slice(0, LABEL_CHARS - 1).trimEnd()}…` : alt;
  return `media.${index} (image text${short ? `, "${short}"` : ''})`;
};

const problemOf = (error: unknown): string =>
  maskDigitRuns(fold(error instanceof Error ? error.message : String(error))).slice(0, 120) ||
  'unknown error';

/** Reads and screens every image of an item, one after another (one OCR worker per process). */
export const screenImages = async (
  media: readonly Pick<MediaRef, 'key' | 'altText'>[],
  read: ReadImageText,
): Promise<ImageScreening> => {
  const reasons: string[] = [];
  const warnings: string[] = [];
  const images: ImageTextRecord[] = [];
  for (const [index, m] of media.entries()) {
    const label = imageLabel(m, index);
    const started = Date.now();
    try {
      const { text, ms } = await read(m.key);
      for (const finding of screenFindings(text)) reasons.push(`${label}: ${findingReason(finding)}`);
      const excerpt = maskDigitRuns(fold(text)).slice(0, EXCERPT_CHARS);
      images.push({ index, ok: true, ms, ...(excerpt ? { excerpt } : {}) });
    } catch (error) {
      const problem = problemOf(error);
      warnings.push(`${label}: could not be read (${problem}); check the image's text by eye`);
      images.push({ index, ok: false, ms: Date.now() - started, problem });
    }
  }
  return { reasons, warnings, images };
};

/** The images' part of the fact-finding note: each image's OCR time, and which ones could not be read. */
export const imageNote = (images: readonly ImageTextRecord[]): string => {
  if (images.length === 0) return 'no images';
  const times = images.map((i) => `media.${i.index} ${i.ok ? `${i.ms} ms` : 'not read'}`).join(', ');
  const unread = images.filter((i) => !i.ok).map((i) => `media.${i.index}`);
  return `image text read (OCR): ${times}${unread.length ? `; could not read ${unread.join(', ')}: check by eye` : ''}`;
};
