import { createHash } from 'node:crypto';
import * as z from 'zod';
import { isDuration, parseDurationSeconds } from '../support/time';
import { captionProblems } from './caption-rules';
import type { ImageTextRecord } from './image-screening';
import { mediaKey } from './media-key';
import { mediaFor, type Platform, platforms } from './platforms';
import type { ItemStatus } from './statuses';

export { mediaFor, type Platform, platforms } from './platforms';

export {
  finalStatuses,
  type ItemStatus,
  isFinal,
  isOpen,
  openStatuses,
  rankOf,
  statusOrder,
} from './statuses';

const MAX_MEDIA_BYTES = 8 * 1024 * 1024;

const mediaSource = z
  .object({
    s3Key: mediaKey.optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    dataBase64: z
      .string()
      .max(Math.ceil((MAX_MEDIA_BYTES * 4) / 3) + 4, 'image is over 8 MiB')
      .regex(/^[A-Za-z0-9+/=\s]+$/, 'must be base64')
      .optional(),
    altText: z.string().trim().min(1, 'alt text is required for accessibility').max(1000),
    /** Only these of the item's platforms get this image (an Instagram portrait, an X landscape); absent: all. */
    platforms: z
      .array(z.enum(platforms))
      .min(1)
      .refine((p) => new Set(p).size === p.length, 'each platform once')
      .optional(),
  })
  .refine((m) => [m.s3Key, m.url, m.dataBase64].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of s3Key, url or dataBase64',
  });

/** The fields of a content item as staff submit them (before cross-field rules). */
export const contentFields = z
  .object({
    title: z.string().trim().min(1).max(200),
    caption: z.string().trim().min(1).max(5000),
    platforms: z
      .array(z.enum(platforms))
      .min(1)
      .refine((p) => new Set(p).size === p.length, 'each platform once'),
    publishAt: z.iso.datetime({ offset: true, message: 'must be ISO 8601 with a time-zone offset' }),
    evaluateAfter: z
      .string()
      .default('P3D')
      .refine(isDuration, 'must be an ISO 8601 duration such as P3D or PT30S')
      .refine(
        (d) => !isDuration(d) || (parseDurationSeconds(d) >= 10 && parseDurationSeconds(d) <= 90 * 86400),
        {
          message: 'must be between 10 seconds and 90 days',
        },
      ),
    /** Metrics are read again this long after the first evaluation (platform figures lag), then re-evaluated. */
    reevaluateAfter: z
      .string()
      .default('P7D')
      .refine(isDuration, 'must be an ISO 8601 duration such as P7D')
      .refine(
        (d) => !isDuration(d) || (parseDurationSeconds(d) >= 10 && parseDurationSeconds(d) <= 90 * 86400),
        {
          message: 'must be between 10 seconds and 90 days',
        },
      ),
    sources: z
      .array(
        z.object({
          url: z.url({ protocol: /^https?$/ }),
          title: z.string().trim().min(1).max(300),
          date: z.iso.date().optional(),
        }),
      )
      .min(1, 'at least one source is required'),
    media: z.array(mediaSource).min(1).max(10),
    approvers: z.array(z.email()).min(1).max(10).optional(),
    /** `any`: the first approver decides; `all`: every approver must approve (any rejection rejects). */
    approvalRule: z.enum(['any', 'all']).default('any'),
    /** Language of the approval email and page. */
    approvalLanguage: z.enum(['id', 'en']).default('id'),
    /** How long before the deadline approvers who have not decided get a reminder email. */
    approvalReminderBefore: z
      .string()
      .default('PT12H')
      .refine(isDuration, 'must be an ISO 8601 duration such as PT12H')
      .refine(
        (d) => !isDuration(d) || (parseDurationSeconds(d) >= 5 && parseDurationSeconds(d) <= 30 * 86400),
        {
          message: 'must be between 5 seconds and 30 days',
        },
      ),
    /** When approval must be given by; default is APPROVAL_DEADLINE_HOURS after submission. */
    approvalDeadline: z.iso
      .datetime({ offset: true, message: 'must be ISO 8601 with a time-zone offset' })
      .optional(),
    /** The console's draft this item was written in: deleted once the item is created. */
    draftId: z
      .string()
      .regex(/^d[0-9a-z]{21}$/, 'not a draft id')
      .optional(),
  })
  .strict();

export { captionProblems, X_MAX_THREAD } from './caption-rules';

/** X takes at most 4 images on a post; Instagram's carousel takes 10. */
export const X_MAX_IMAGES = 4;

/** What is wrong with the images for the item's platforms: each platform needs one, X takes four. */
export const mediaProblems = (
  media: readonly { readonly platforms?: readonly Platform[] | undefined }[],
  targets: readonly Platform[],
): string[] => {
  const problems: string[] = [];
  media.forEach((m, i) => {
    for (const p of m.platforms ?? []) {
      if (!targets.includes(p))
        problems.push(`image ${i + 1} is meant for ${p}, which this item is not published to`);
    }
  });
  for (const target of targets) {
    const count = mediaFor(media, target).length;
    if (count === 0) problems.push(`no image is meant for ${target}`);
    if (target === 'x' && count > X_MAX_IMAGES)
      problems.push(`X takes at most ${X_MAX_IMAGES} images on a post; this item has ${count} for X`);
  }
  return problems;
};

export const contentInput = contentFields.superRefine((input, ctx) => {
  for (const message of captionProblems(input.caption, input.platforms)) {
    ctx.addIssue({ code: 'custom', path: ['caption'], message });
  }
  for (const message of mediaProblems(input.media, input.platforms)) {
    ctx.addIssue({ code: 'custom', path: ['media'], message });
  }
});

export type ContentInput = z.output<typeof contentInput>;

export interface MediaRef {
  readonly key: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly altText: string;
  /** Only these platforms get the image; absent: every platform of the item. */
  readonly platforms?: Platform[];
}

export interface Source {
  readonly url: string;
  readonly title: string;
  readonly date?: string;
}

export interface RevisionEntry {
  readonly revision: number;
  readonly hash: string;
  readonly at: string;
  readonly by: string;
  readonly note?: string;
}

export interface StageEntry {
  readonly at: string;
  readonly note?: string;
}

export interface ContentItem {
  readonly id: string;
  readonly kind: 'item';
  readonly title: string;
  readonly caption: string;
  readonly platforms: Platform[];
  readonly publishAt: string;
  /** WIB month of publishAt (`YYYY-MM`): the calendar index's partition; written with publishAt. */
  readonly publishMonth?: string;
  readonly evaluateAfter: string;
  readonly reevaluateAfter?: string;
  readonly reevaluateAt?: string;
  readonly sources: Source[];
  readonly media: MediaRef[];
  readonly approvers: string[];
  readonly approvalRule: 'any' | 'all';
  readonly approvalLanguage: 'id' | 'en';
  readonly approvalDeadline: string;
  readonly approvalReminderBefore?: string;
  readonly reschedules?: { from: string; to: string; at: string; by: string; note?: string }[];
  /** Hash of what approvers see and approve (caption, media, platforms) for the current revision. */
  readonly revisionHash: string;
  readonly revisions?: RevisionEntry[];
  /** Set while the item waits for a revision: the task token and what the approver asked for. */
  readonly revisionToken?: string;
  readonly changeRequest?: { approver: string; comment: string; at: string; revision: number };
  /** What screening found, when it blocked the item. */
  readonly screening?: { reasons: string[]; revision: number; at: string };
  /** A supervisor's override of a blocked item (a false positive), with the written justification. */
  readonly screeningOverride?: {
    by: string;
    at: string;
    justification: string;
    revision: number;
    reasons: string[];
  };
  readonly revision: number;
  readonly status: ItemStatus;
  readonly statusRank: number;
  readonly statusReason?: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly executionArn?: string;
  readonly stages: Record<string, StageEntry>;
  readonly factFinding?: {
    excluded: boolean;
    reasons: string[];
    checkedAt: string;
    revision?: number;
    /** What each image's text read as (masked excerpt) and how long it took; absent on older records. */
    images?: ImageTextRecord[];
    /** Images whose text could not be read: shown to staff and approvers, not blocking. */
    warnings?: string[];
    /** Recent citizen questions and complaints on the same topic. */
    related?: {
      id: string;
      platform: string;
      label: string;
      text: string;
      receivedAt: string;
      shared: string[];
    }[];
  };
  readonly evaluateAt?: string;
  readonly reportKey?: string;
}

/** Time-sortable, unguessable id: base36 millis then random. */
export const newItemId = (now = Date.now()): string =>
  `c${now.toString(36).padStart(9, '0')}${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;

/**
 * The revision hash binds an approval to exactly what was shown: the caption, each image (by its S3 key,
 * which is unique per revision, and size) with its alt text, and the platforms. The publish time is not
 * part of it: rescheduling alone keeps the approval and is recorded separately.
 */
export const revisionHash = (item: Pick<ContentItem, 'caption' | 'media' | 'platforms'>): string => {
  const canonical = JSON.stringify({
    caption: item.caption,
    // An image meant for some platforms only carries them; an image for all hashes as it always did.
    media: item.media.map((m) => [
      m.key,
      m.bytes,
      m.contentType,
      m.altText,
      ...(m.platforms ? [[...m.platforms].sort()] : []),
    ]),
    platforms: [...item.platforms].sort(),
  });
  return createHash('sha256').update(canonical).digest('hex');
};
