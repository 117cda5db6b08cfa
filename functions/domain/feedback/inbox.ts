import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { audit } from '../../adapters/audit-repo';
import {
  type Assignment,
  assignFeedback,
  claimReply,
  closeFeedbackRecord,
  correctLabel,
  FEEDBACK_STATUSES,
  Filter,
  feedbackForItem,
  feedbackWithStatus,
  findFeedback,
  type LabelCorrection,
  leaseWriting,
  type ReplyClaim,
  type ReplyFailure,
  recordReply,
  releaseReplyClaim,
} from '../../adapters/feedback-repo';
import { instagram } from '../../adapters/instagram-client';
import { x } from '../../adapters/x-client';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../common/errors';
import { log } from '../../common/logger';
import { putMetric, secondsBetween } from '../../common/metrics';
import { keepRecord } from '../archive/records';
import type { Platform } from '../content/content';
import { weightedLength } from '../publishing/x-thread';
import type { inboxQuery, labelInput } from './inbox-inputs';

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
  /** Set while a staff member's reply is on its way to the platform (see claimReply). */
  readonly replyClaim?: ReplyClaim;
  /** Replies the platform refused or never took; the claim was released each time. */
  readonly replyFailures?: ReplyFailure[];
  /** Staff corrections of the label or category, oldest first; `label`/`category` hold the latest. */
  readonly corrections?: LabelCorrection[];
  /** The colleague (email) the message is given to, and every change of it. */
  readonly assignedTo?: string;
  readonly assignments?: Assignment[];
  /** Who is writing a reply: email → until when (ISO), renewed every few seconds by the console. */
  readonly writers?: Record<string, string>;
  readonly processedAt?: string;
  readonly closedNote?: string;
  readonly closedAt?: string;
  readonly closedBy?: string;
  /** Keyword watches the text matched (see watches.ts). */
  readonly watches?: string[];
  /** The follow-up opened for this message, if any (see follow-ups.ts). */
  readonly followUpId?: string;
  /** When the platform said its author deleted it; the record and its raw payload are kept. */
  readonly deletedAt?: string;
}

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
  if (q.category) filter.equals('category', q.category);
  if (q.assignedTo === 'none') filter.missing('assignedTo');
  else if (q.assignedTo) filter.equals('assignedTo', q.assignedTo);
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

/** A claim older than this is from a reply that died half way (a function times out at 29 s). */
export const REPLY_CLAIM_STALE_MS = 2 * 60_000;

/** Someone else answered, or is answering, this message: says who and when, so the console can. */
export class ReplyConflictError extends ConflictError {}

const conflictFor = (f: FeedbackRecord, seenReplies: number): ReplyConflictError => {
  const replies = f.replies ?? [];
  if (f.status === 'closed')
    return new ReplyConflictError(`Feedback ${f.id} was closed by ${f.closedBy ?? 'a colleague'}`);
  if (f.deletedAt)
    return new ReplyConflictError(`Feedback ${f.id} was deleted by its author on ${f.platform}`);
  const winner = replies[replies.length - 1];
  if (replies.length > seenReplies && winner)
    return new ReplyConflictError(`Feedback ${f.id} was answered by ${winner.by} at ${winner.at}`);
  if (f.replyClaim)
    return new ReplyConflictError(
      `Feedback ${f.id} is being answered by ${f.replyClaim.by} (since ${f.replyClaim.at})`,
    );
  return new ReplyConflictError(`Feedback ${f.id} changed while the reply was being sent; read it again`);
};

/**
 * Answers on the platform (Instagram comment reply, X reply), exactly once however many staff press send:
 * the reply is claimed first (a conditional write on the record), then posted, then recorded with the claim
 * let go. A refused or failed post releases the claim and records why, so the message stays open and the
 * staff member can send again; a lost claim is a 409 naming who answered (or is answering).
 */
export const replyToFeedback = async (id: string, text: string, actor: string, seenReplies?: number) => {
  const f = await getFeedback(id);
  const seen = seenReplies ?? f.replies?.length ?? 0;
  if (f.status === 'closed' || f.deletedAt || (f.replies?.length ?? 0) > seen) throw conflictFor(f, seen);
  if (f.platform === 'x' && weightedLength(text) > 280) {
    throw new ValidationError('Reply too long', [
      { path: 'text', message: 'a reply on X must fit in 280 weighted characters' },
    ]);
  }
  const now = new Date();
  const claim: ReplyClaim = { token: randomUUID(), by: actor, at: now.toISOString() };
  const staleBefore = new Date(now.getTime() - REPLY_CLAIM_STALE_MS).toISOString();
  if (!(await claimReply(id, claim, seen, staleBefore))) throw conflictFor(await getFeedback(id), seen);
  let platformReplyId: string;
  try {
    platformReplyId =
      f.platform === 'instagram'
        ? await instagram.replyToComment(f.platformId, text)
        : await x.post(text, { replyTo: f.platformId });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.warn('reply failed', { feedbackId: id, reason });
    await releaseReplyClaim(id, claim.token, { by: actor, at: new Date().toISOString(), reason });
    throw new ReplyFailedError(`The reply was not posted: ${reason}`);
  }
  const reply = { text, at: new Date().toISOString(), by: actor, platformReplyId };
  await recordReply(id, reply, claim.token);
  if (!f.replies?.length) {
    const seconds = secondsBetween(f.receivedAt, reply.at);
    if (seconds !== undefined)
      putMetric('TimeToFirstReply', seconds, { Platform: f.platform }, { feedbackId: id });
  }
  // Before staff are told it went out: the reply as sent, in the records archive (docs/decisions/0025).
  await keepRecord({
    kind: 'reply',
    id: `${id}-${platformReplyId}`,
    at: reply.at,
    feedbackId: id,
    ...(f.itemId ? { itemId: f.itemId } : {}),
    platform: f.platform,
    inReplyTo: f.platformId,
    platformReplyId,
    by: actor,
    text,
  });
  if (f.itemId)
    await audit({
      itemId: f.itemId,
      action: 'feedback.replied',
      actor,
      detail: { feedbackId: id, platformReplyId },
    });
  return { id, status: 'answered', reply };
};

// ---- corrections, assignment, who is writing ---------------------------------------------------------

/** Staff correct the classifier: the record takes the new label and category and keeps the correction. */
export const relabelFeedback = async (id: string, input: z.output<typeof labelInput>, actor: string) => {
  const f = await getFeedback(id);
  const from = { label: f.label ?? null, category: f.category ?? null };
  const to = { label: input.label, category: input.category ?? null };
  if (from.label === to.label && from.category === to.category)
    throw new ValidationError('The label is unchanged', [
      { path: 'label', message: 'choose a different label or category' },
    ]);
  const correction: LabelCorrection = { by: actor, at: new Date().toISOString(), from, to };
  if (!(await correctLabel(id, correction))) {
    await getFeedback(id);
    throw new ConflictError(`Feedback ${id} was relabelled meanwhile; read it again`);
  }
  if (f.itemId)
    await audit({
      itemId: f.itemId,
      action: 'feedback.relabelled',
      actor,
      detail: { feedbackId: id, from, to },
    });
  return { id, label: to.label, category: to.category, correction };
};

export const assignToColleague = async (id: string, to: string | null, actor: string) => {
  const f = await getFeedback(id);
  const previous = f.assignedTo ?? null;
  if (previous === to) return { id, assignedTo: to };
  const assignment: Assignment = { by: actor, at: new Date().toISOString(), to };
  if (!(await assignFeedback(id, assignment, previous))) {
    await getFeedback(id);
    throw new ConflictError(`Feedback ${id} was reassigned meanwhile; read it again`);
  }
  return { id, assignedTo: to, assignment };
};

/** The console renews a writer's lease every ~15 s; one not renewed for this long has stopped writing. */
export const WRITING_LEASE_MS = 45_000;

/** Colleagues (not `actor`) whose lease is still running at `now`, soonest to expire last. */
export const othersWriting = (
  writers: Readonly<Record<string, string>> | undefined,
  actor: string,
  now: Date,
): { by: string; until: string }[] =>
  Object.entries(writers ?? {})
    .filter(([by, until]) => by !== actor && Date.parse(until) > now.getTime())
    .map(([by, until]) => ({ by, until }))
    .sort((a, b) => a.by.localeCompare(b.by));

/** Renews (or drops) the caller's lease on writing a reply, and says who else is writing. */
export const heartbeatWriting = async (id: string, active: boolean, actor: string) => {
  const now = new Date();
  const until = active ? new Date(now.getTime() + WRITING_LEASE_MS).toISOString() : undefined;
  const writers = await leaseWriting(id, actor, until);
  if (!writers) throw new NotFoundError(`Feedback ${id} does not exist`);
  return { id, writing: othersWriting(writers, actor, now) };
};

export const closeFeedback = async (id: string, note: string, actor: string) => {
  if (!(await closeFeedbackRecord(id, { note, at: new Date().toISOString(), by: actor }))) {
    // Missing (404) or closed already (409).
    await getFeedback(id);
    throw new ConflictError(`Feedback ${id} is already closed`);
  }
  return { id, status: 'closed' };
};
