import { z } from 'zod';
import { isDuration, parseDurationSeconds } from './time';

export const platforms = ['instagram', 'x'] as const;
export type Platform = (typeof platforms)[number];

/**
 * Item statuses in the order an item moves through them. `rank` only grows: a transition to a lower or
 * equal rank is ignored, which makes every status write idempotent under retries and restarts.
 * Final statuses share the top rank so nothing moves an item out of them.
 */
export const statusRank = {
  submitted: 0,
  'fact-checked': 10,
  'awaiting-approval': 20,
  scheduled: 30,
  published: 40,
  evaluated: 100,
  'evaluation-failed': 100,
  blocked: 100,
  rejected: 100,
  expired: 100,
  failed: 100,
} as const;
export type ItemStatus = keyof typeof statusRank;
export const finalStatuses: readonly ItemStatus[] = (Object.keys(statusRank) as ItemStatus[]).filter(
  (s) => statusRank[s] === 100,
);

const MAX_MEDIA_BYTES = 8 * 1024 * 1024;

const mediaSource = z
  .object({
    s3Key: z
      .string()
      .regex(/^(uploads|media)\/[\w\-./]+$/, 'must be a key under uploads/ or media/')
      .optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    dataBase64: z
      .string()
      .max(Math.ceil((MAX_MEDIA_BYTES * 4) / 3) + 4, 'image is over 8 MiB')
      .regex(/^[A-Za-z0-9+/=\s]+$/, 'must be base64')
      .optional(),
    altText: z.string().trim().min(1, 'alt text is required for accessibility').max(1000),
  })
  .refine((m) => [m.s3Key, m.url, m.dataBase64].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of s3Key, url or dataBase64',
  });

export const contentInput = z
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
    /** When approval must be given by; default is APPROVAL_DEADLINE_HOURS after submission. */
    approvalDeadline: z.iso
      .datetime({ offset: true, message: 'must be ISO 8601 with a time-zone offset' })
      .optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.platforms.includes('instagram') && [...input.caption].length > 2200) {
      ctx.addIssue({
        code: 'custom',
        path: ['caption'],
        message: 'Instagram captions are limited to 2,200 characters',
      });
    }
  });

export type ContentInput = z.output<typeof contentInput>;

export interface MediaRef {
  readonly key: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly altText: string;
}

export interface Source {
  readonly url: string;
  readonly title: string;
  readonly date?: string;
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
  readonly evaluateAfter: string;
  readonly sources: Source[];
  readonly media: MediaRef[];
  readonly approvers: string[];
  readonly approvalDeadline: string;
  readonly revision: number;
  readonly status: ItemStatus;
  readonly statusRank: number;
  readonly statusReason?: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly executionArn?: string;
  readonly stages: Record<string, StageEntry>;
  readonly factFinding?: { excluded: boolean; reasons: string[]; checkedAt: string };
  readonly evaluateAt?: string;
  readonly reportKey?: string;
}

/** Time-sortable, unguessable id: base36 millis then random. */
export const newItemId = (now = Date.now()): string =>
  `c${now.toString(36).padStart(9, '0')}${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
