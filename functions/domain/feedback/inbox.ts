import { z } from 'zod';
import { audit } from '../../adapters/audit-repo';
import {
  closeFeedbackRecord,
  FEEDBACK_STATUSES,
  Filter,
  feedbackForItem,
  feedbackWithStatus,
  findFeedback,
  recordReply,
  recordReplyError,
} from '../../adapters/feedback-repo';
import { instagram } from '../../adapters/instagram-client';
import { x } from '../../adapters/x-client';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../common/errors';
import { log } from '../../common/logger';
import type { Platform } from '../content/content';
import { weightedLength } from '../publishing/x-thread';

/** The staff inbox over the feedback table: what citizens said, what needs attention first, and replies. */

export interface FeedbackRecord {
  readonly id: string;
  readonly platform: Platform;
  readonly platformId: string;
  readonly kind: string;
  readonly authorHandle: string;
  readonly text: string;
  readonly createdAt: string;
  readonly receivedAt: string;
  readonly postId?: string;
  readonly itemId?: string;
  readonly label?: string;
  readonly category?: string | null;
  readonly urgent?: boolean;
  readonly status: 'open' | 'answered' | 'closed';
  readonly replies?: { text: string; at: string; by: string; platformReplyId: string }[];
  readonly lastReplyError?: string;
  readonly closedNote?: string;
  /** Keyword watches the text matched (see watches.ts). */
  readonly watches?: string[];
  /** The follow-up opened for this message, if any (see follow-ups.ts). */
  readonly followUpId?: string;
  /** When the platform said its author deleted it; the record and its raw payload are kept. */
  readonly deletedAt?: string;
}

export const inboxQuery = z.object({
  label: z.enum(['complaint', 'question', 'appreciation', 'other']).optional(),
  status: z.enum(['open', 'answered', 'closed']).optional(),
  platform: z.enum(['instagram', 'x']).optional(),
  itemId: z
    .string()
    .regex(/^c[0-9a-z]{21}$/)
    .optional(),
  urgent: z.enum(['true', 'false']).optional(),
  /** Only messages that matched this keyword watch (see WATCH_KEYWORDS). */
  watch: z.string().trim().toLowerCase().min(2).max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const replyInput = z.object({ text: z.string().trim().min(1).max(2200) }).strict();
export const closeInput = z
  .object({ note: z.string().trim().min(1, 'say how it was handled').max(2000) })
  .strict();

/**
 * Urgent open messages first, then open before answered before closed, newest first within each. Read
 * through the status index: all open messages (the backlog, bounded by the office's answering), then only
 * as many answered and closed ones as the page still needs; one item's messages through the item index.
 */
/** A filtered inbox view reads at most ARCHIVE_PAGES pages of ARCHIVE_PAGE answered or closed messages each. */
const ARCHIVE_PAGE = 100;
const ARCHIVE_PAGES = 5;

export const listFeedback = async (q: z.output<typeof inboxQuery>): Promise<FeedbackRecord[]> => {
  const filter = new Filter();
  if (q.label) filter.equals('label', q.label);
  if (q.platform) filter.equals('platform', q.platform);
  if (q.urgent) filter.equals('urgent', q.urgent === 'true');
  if (q.watch) filter.contains('watches', q.watch);
  let rows: FeedbackRecord[] = [];
  if (q.itemId) {
    if (q.status) filter.equals('status', q.status);
    rows = await feedbackForItem<FeedbackRecord>(q.itemId, { filter, max: 5000 });
  } else {
    for (const status of q.status ? [q.status] : FEEDBACK_STATUSES) {
      if (status === 'open') {
        rows.push(
          ...(await feedbackWithStatus<FeedbackRecord>(status, { filter, max: 5000, pageSize: 500 })),
        );
        continue;
      }
      const room = q.limit - rows.length;
      if (room <= 0) break;
      // Answered and closed messages pile up: a filtered view looks through the newest few hundred.
      const pageSize = Math.max(room, ARCHIVE_PAGE);
      rows.push(
        ...(await feedbackWithStatus<FeedbackRecord>(status, {
          filter,
          max: room,
          pageSize,
          maxPages: filter.isEmpty ? undefined : ARCHIVE_PAGES,
        })),
      );
    }
  }
  // A message its author deleted is no longer work to do (and cannot be answered on the platform): it
  // leaves the open lists, but stays in answered and closed ones and at GET /feedback/{id}, marked.
  rows = rows.filter((r) => !(r.status === 'open' && r.deletedAt));
  const order = { open: 0, answered: 1, closed: 2 } as const;
  const urgentOpen = (r: FeedbackRecord) => Number(Boolean(r.urgent) && r.status === 'open');
  return rows
    .sort(
      (a, b) =>
        urgentOpen(b) - urgentOpen(a) ||
        order[a.status] - order[b.status] ||
        b.receivedAt.localeCompare(a.receivedAt),
    )
    .slice(0, q.limit);
};

export const getFeedback = async (id: string): Promise<FeedbackRecord> => {
  const record = await findFeedback<FeedbackRecord>(id);
  if (!record) throw new NotFoundError(`Feedback ${id} does not exist`);
  return record;
};

export class ReplyFailedError extends AppError {
  constructor(message: string) {
    super(message, 502);
  }
  override get expose(): boolean {
    return true;
  }
}

/** Answers on the platform (Instagram comment reply, X reply) and records it; a failed reply says why. */
export const replyToFeedback = async (id: string, text: string, actor: string) => {
  const f = await getFeedback(id);
  if (f.status === 'closed') throw new ConflictError(`Feedback ${id} is closed`);
  if (f.deletedAt) throw new ConflictError(`Feedback ${id} was deleted by its author on ${f.platform}`);
  if (f.platform === 'x' && weightedLength(text) > 280) {
    throw new ValidationError('Reply too long', [
      { path: 'text', message: 'a reply on X must fit in 280 weighted characters' },
    ]);
  }
  let platformReplyId: string;
  try {
    platformReplyId =
      f.platform === 'instagram'
        ? await instagram.replyToComment(f.platformId, text)
        : await x.post(text, { replyTo: f.platformId });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.warn('reply failed', { feedbackId: id, reason });
    await recordReplyError(id, reason);
    throw new ReplyFailedError(`The reply was not posted: ${reason}`);
  }
  const reply = { text, at: new Date().toISOString(), by: actor, platformReplyId };
  await recordReply(id, reply);
  if (f.itemId)
    await audit({
      itemId: f.itemId,
      action: 'feedback.replied',
      actor,
      detail: { feedbackId: id, platformReplyId },
    });
  return { id, status: 'answered', reply };
};

export const closeFeedback = async (id: string, note: string, actor: string) => {
  if (!(await closeFeedbackRecord(id, { note, at: new Date().toISOString(), by: actor }))) {
    // Missing (404) or closed already (409).
    await getFeedback(id);
    throw new ConflictError(`Feedback ${id} is already closed`);
  }
  return { id, status: 'closed' };
};
