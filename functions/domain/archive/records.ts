import { putRecordOnce } from '../../adapters/archive-store';
import { AppError, TransientError } from '../../common/errors';
import { log } from '../../common/logger';
import type { Platform } from '../content/content';
import { localFields } from '../support/zoned-time';

/**
 * The records archive (docs/decisions/0025): one JSON record per thing the office did or was told in public,
 * written once, under a key by its WIB day so an export of a date range lists one prefix per day.
 * Every record is built only from stored facts (never "now"), so a retried step builds the same bytes and
 * the write-once store takes it as already done.
 */
export const ARCHIVE_TIME_ZONE = 'Asia/Jakarta';
export const RECORD_SCHEMA = 'sebar.record/1';
export const RECORD_KINDS = ['publication', 'reply', 'decision', 'platform-event'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface ApprovalEntry {
  readonly by: string;
  readonly decision: string;
  readonly comment: string;
  readonly at: string;
  readonly ip?: string;
  readonly userAgent?: string;
  readonly revision?: number;
}

export interface PublicationRecord {
  readonly kind: 'publication';
  readonly id: string;
  readonly at: string;
  readonly itemId: string;
  readonly revision: number;
  readonly title: string;
  readonly platform: Platform;
  readonly postId: string;
  readonly url: string;
  /** The exact text of each post: one for Instagram, each part of an X thread in order. */
  readonly texts: readonly string[];
  readonly threadIds?: readonly string[];
  readonly warning?: string;
  readonly media: readonly { key: string; sha256: string; bytes: number; altText: string }[];
  readonly approvals: readonly ApprovalEntry[];
  readonly screening: unknown;
  readonly screeningOverride: unknown;
}

export interface ReplyRecord {
  readonly kind: 'reply';
  readonly id: string;
  readonly at: string;
  readonly feedbackId: string;
  readonly itemId?: string;
  readonly platform: Platform;
  /** The platform id of the citizen's message answered. */
  readonly inReplyTo: string;
  readonly platformReplyId: string;
  readonly by: string;
  readonly text: string;
}

export const DECISION_ACTIONS = [
  'approved',
  'rejected',
  'changes-requested',
  'override',
  'rescheduled',
  'cancelled',
] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

export interface DecisionRecord {
  readonly kind: 'decision';
  readonly id: string;
  readonly at: string;
  readonly itemId: string;
  readonly action: DecisionAction;
  readonly by: string;
  readonly revision?: number;
  /** The approver's comment, the override's justification, the cancellation's reason, the move's note. */
  readonly comment?: string;
  readonly ip?: string;
  readonly userAgent?: string;
  readonly detail?: Record<string, unknown>;
}

export interface PlatformEventRecord {
  readonly kind: 'platform-event';
  readonly id: string;
  readonly at: string;
  /** Neither platform's webhooks report an edit (X posts a new post; Instagram sends none), only deletions. */
  readonly action: 'deleted';
  readonly platform: Platform;
  readonly feedbackId: string;
  readonly platformId: string;
  /** The archived webhook delivery that reported it (the original message is never erased). */
  readonly rawKey: string;
  readonly authorId?: string;
}

export type ArchiveRecord = PublicationRecord | ReplyRecord | DecisionRecord | PlatformEventRecord;

const pad = (n: number) => String(n).padStart(2, '0');

/** `records/YYYY/MM/DD/` of an instant's WIB day. */
export const dayPrefix = (iso: string): string => {
  const f = localFields(Date.parse(iso), ARCHIVE_TIME_ZONE);
  return `records/${f.year}/${pad(f.month)}/${pad(f.day)}/`;
};

/** The prefix of one WIB calendar day given as `YYYY-MM-DD`. */
export const prefixOfDay = (day: string): string => `records/${day.replaceAll('-', '/')}/`;

const safeId = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200);

export const recordKey = (r: Pick<ArchiveRecord, 'kind' | 'id' | 'at'>): string =>
  `${dayPrefix(r.at)}${r.kind}/${safeId(r.id)}.json`;

/** Sorted keys at every level, so equal records are equal bytes. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
};

export const recordBytes = (r: ArchiveRecord): Buffer =>
  Buffer.from(`${JSON.stringify(canonical({ schema: RECORD_SCHEMA, ...r }), null, 2)}\n`, 'utf8');

/**
 * Writes a record once. A failure is logged with the key and thrown as a TransientError: a workflow step
 * retries (and writes the same bytes), an HTTP action answers 503 instead of "done" without its record.
 */
export const keepRecord = async (
  r: ArchiveRecord,
  write: typeof putRecordOnce = putRecordOnce,
): Promise<string> => {
  const key = recordKey(r);
  try {
    await write(key, recordBytes(r));
  } catch (error) {
    log.error('archive record not written', { key, error });
    // A refused overwrite or a missing setting will not go away by trying again.
    if (error instanceof AppError) throw error;
    throw new TransientError(`The archive record ${key} could not be written; try again`, { cause: error });
  }
  return key;
};
