import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { audit } from '../../adapters/audit-repo';
import { claimFollowUpLink, releaseFollowUpLink } from '../../adapters/feedback-repo';
import {
  changeFollowUpStatus,
  type FollowUpRecord,
  type FollowUpStatus,
  followUpsOfFeedback,
  getFollowUpRecord,
  putNewFollowUp,
  scanFollowUps,
} from '../../adapters/followups-repo';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors';
import { type FeedbackRecord, getFeedback } from './inbox';

/**
 * Follow-ups: a citizen's complaint (or any feedback) handed to a unit (a puskesmas, a division) with a due
 * date, tracked open → in_progress → resolved with a resolution note. This is how "we followed it up" becomes
 * visible in the item's evaluation, the daily digest and the monthly report.
 */

export type { FollowUpRecord, FollowUpStatus } from '../../adapters/followups-repo';

export const FOLLOW_UP_STATUSES = ['open', 'in_progress', 'resolved'] as const;
/** Days until a follow-up is due when staff give no date. */
export const FOLLOW_UP_DUE_DAYS = 7;
/** The furthest due date staff may set. */
export const FOLLOW_UP_MAX_DUE_DAYS = 365;
/** How much of the citizen's text the follow-up keeps as its summary. */
export const SUMMARY_CHARS = 500;

const DAY_MS = 86_400_000;

/** A follow-up as the API shows it: the record and whether it is overdue now. */
export type FollowUpView = FollowUpRecord & { readonly overdue: boolean };

// ---- input --------------------------------------------------------------------------------------------

export const followUpIdParam = z.object({
  id: z.string().regex(/^fu-[A-Za-z0-9_-]{6,32}$/, 'not a follow-up id'),
});

const unit = z
  .string({ error: 'name the unit that follows it up, e.g. "Puskesmas Cibiru"' })
  .trim()
  .min(2, 'the unit must be 2 to 120 characters')
  .max(120, 'the unit must be 2 to 120 characters')
  .regex(/^[^\p{Cc}]+$/u, 'the unit must be one line of text');

export const createFollowUpInput = z
  .object({
    unit,
    dueAt: z.iso
      .datetime({ offset: true, message: 'must be an ISO 8601 date and time with a time-zone offset' })
      .optional(),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

export const updateFollowUpInput = z.discriminatedUnion(
  'status',
  [
    z
      .object({ status: z.literal('in_progress'), note: z.string().trim().min(1).max(2000).optional() })
      .strict(),
    z
      .object({
        status: z.literal('resolved'),
        note: z
          .string({ error: 'a resolution note is required: say what was done' })
          .trim()
          .min(1, 'a resolution note is required: say what was done')
          .max(2000),
      })
      .strict(),
  ],
  { error: "status must be 'in_progress' or 'resolved'" },
);

export const followUpQuery = z.object({
  status: z.enum(FOLLOW_UP_STATUSES).optional(),
  unit: z.string().trim().min(1).max(120).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export interface FollowUpFilter {
  readonly status?: FollowUpStatus;
  /** Matched ignoring case and repeated spaces. */
  readonly unit?: string;
  /** true: only overdue ones; false: only those not overdue. */
  readonly overdue?: boolean;
}

// ---- pure rules ---------------------------------------------------------------------------------------

/** A short, unique, URL-safe id. */
export const newFollowUpId = (): string => `fu-${randomBytes(9).toString('base64url')}`;

const ALLOWED: Readonly<Record<FollowUpStatus, readonly FollowUpStatus[]>> = {
  open: ['in_progress', 'resolved'],
  in_progress: ['resolved'],
  resolved: [],
};

export const canMove = (from: FollowUpStatus, to: FollowUpStatus): boolean => ALLOWED[from].includes(to);

/** Why a status change is refused, or undefined when it is allowed. */
export const refusal = (id: string, from: FollowUpStatus, to: FollowUpStatus): string | undefined => {
  if (canMove(from, to)) return undefined;
  if (from === 'resolved')
    return `Follow-up ${id} is already resolved; create a new follow-up on the feedback if the problem returned`;
  if (from === to) return `Follow-up ${id} is already ${from}`;
  return `Follow-up ${id} cannot go from ${from} to ${to}`;
};

export const isOverdue = (f: Pick<FollowUpRecord, 'status' | 'dueAt'>, now: Date): boolean => {
  if (f.status === 'resolved') return false;
  const due = Date.parse(f.dueAt);
  return Number.isFinite(due) && due < now.getTime();
};

export const withOverdue = (f: FollowUpRecord, now: Date): FollowUpView => ({
  ...f,
  overdue: isOverdue(f, now),
});

/** Overdue first, then the nearest due date, then the oldest. */
export const byUrgency = (a: FollowUpView, b: FollowUpView): number =>
  Number(b.overdue) - Number(a.overdue) ||
  a.dueAt.localeCompare(b.dueAt) ||
  a.createdAt.localeCompare(b.createdAt) ||
  a.id.localeCompare(b.id);

export const normaliseUnit = (s: string): string => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');

export const matches = (f: FollowUpView, filter: FollowUpFilter): boolean =>
  (!filter.status || f.status === filter.status) &&
  (!filter.unit || normaliseUnit(f.unit) === normaliseUnit(filter.unit)) &&
  (filter.overdue === undefined || f.overdue === filter.overdue);

/** The due instant (UTC ISO): the one given, which must lie ahead, or FOLLOW_UP_DUE_DAYS from now. */
export const resolveDueAt = (dueAt: string | undefined, now: Date): string => {
  if (dueAt === undefined) return new Date(now.getTime() + FOLLOW_UP_DUE_DAYS * DAY_MS).toISOString();
  const due = Date.parse(dueAt);
  const problem = !Number.isFinite(due)
    ? 'must be a valid date and time'
    : due <= now.getTime()
      ? 'must be in the future'
      : due > now.getTime() + FOLLOW_UP_MAX_DUE_DAYS * DAY_MS
        ? `must be within ${FOLLOW_UP_MAX_DUE_DAYS} days`
        : undefined;
  if (problem) throw new ValidationError('Invalid request body', [{ path: 'dueAt', message: problem }]);
  return new Date(due).toISOString();
};

/** The first SUMMARY_CHARS characters (code points, so an emoji is never cut in half). */
export const summarise = (text: string): string => Array.from(text).slice(0, SUMMARY_CHARS).join('');

/** The audit partition: the item when the feedback answers one, else the feedback itself. */
export const auditKey = (f: { readonly itemId?: string; readonly feedbackId: string }): string =>
  f.itemId ?? `feedback#${f.feedbackId}`;

// ---- effects ------------------------------------------------------------------------------------------

type FeedbackWithFollowUp = FeedbackRecord & { readonly followUpId?: string };

const unresolvedMessage = (feedbackId: string, f: FollowUpRecord) =>
  `Feedback ${feedbackId} already has an unresolved follow-up ${f.id} (${f.unit}, ${f.status}, due ${f.dueAt}); ` +
  'resolve it before creating another';

export const createFollowUp = async (
  feedbackId: string,
  input: z.output<typeof createFollowUpInput>,
  actor: string,
  now = new Date(),
): Promise<FollowUpView> => {
  const dueAt = resolveDueAt(input.dueAt, now);
  const feedback = (await getFeedback(feedbackId)) as FeedbackWithFollowUp;
  const previous = feedback.followUpId;
  const current = previous ? await getFollowUpRecord(previous) : undefined;
  const blocking = [current, ...(await followUpsOfFeedback(feedbackId))].find(
    (f): f is FollowUpRecord => f !== undefined && f.status !== 'resolved',
  );
  if (blocking) throw new ConflictError(unresolvedMessage(feedbackId, blocking));

  const at = now.toISOString();
  const record: FollowUpRecord = {
    id: newFollowUpId(),
    feedbackId,
    ...(feedback.itemId ? { itemId: feedback.itemId } : {}),
    unit: input.unit,
    status: 'open',
    createdAt: at,
    updatedAt: at,
    dueAt,
    ...(typeof feedback.category === 'string' ? { category: feedback.category } : {}),
    ...(feedback.label ? { label: feedback.label } : {}),
    summary: summarise(feedback.text ?? ''),
    createdBy: actor,
    history: [{ at, by: actor, to: 'open', ...(input.note ? { note: input.note } : {}) }],
  };

  // Exactly one of two staff creating a follow-up for this feedback at once gets past this claim.
  if (!(await claimFollowUpLink(feedbackId, record.id, previous))) {
    const latest = (await getFeedback(feedbackId)) as FeedbackWithFollowUp;
    const winner = latest.followUpId ? await getFollowUpRecord(latest.followUpId) : undefined;
    throw new ConflictError(
      winner && winner.status !== 'resolved'
        ? unresolvedMessage(feedbackId, winner)
        : `Feedback ${feedbackId} was given a follow-up by someone else just now; look again before retrying`,
    );
  }
  try {
    if (!(await putNewFollowUp(record))) throw new Error(`follow-up id ${record.id} is already taken`);
  } catch (error) {
    await releaseFollowUpLink(feedbackId, record.id, previous);
    throw error;
  }
  await audit({
    itemId: auditKey(record),
    action: 'followup.created',
    actor,
    at,
    detail: {
      followUpId: record.id,
      feedbackId,
      unit: record.unit,
      dueAt,
      ...(input.note ? { note: input.note } : {}),
    },
  });
  return withOverdue(record, now);
};

export const getFollowUp = async (id: string, now = new Date()): Promise<FollowUpView> => {
  const f = await getFollowUpRecord(id);
  if (!f) throw new NotFoundError(`Follow-up ${id} does not exist`);
  return withOverdue(f, now);
};

/** Follow-ups matching the filter, overdue first, then by due date. */
export const listFollowUps = async (
  filter: FollowUpFilter = {},
  now = new Date(),
): Promise<FollowUpView[]> => {
  const rows = await scanFollowUps({
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.overdue ? { dueBefore: now.toISOString() } : {}),
  });
  return rows
    .map((f) => withOverdue(f, now))
    .filter((f) => matches(f, filter))
    .sort(byUrgency);
};

/** Unresolved follow-ups past their due date at `now`, most urgent first (for the daily digest). */
export const overdueFollowUps = (now: Date): Promise<FollowUpView[]> => listFollowUps({ overdue: true }, now);

/** The follow-ups of one item's feedback, overdue first, then by due date. */
export const followUpsForItem = async (itemId: string, now = new Date()): Promise<FollowUpView[]> =>
  (await scanFollowUps({ itemId })).map((f) => withOverdue(f, now)).sort(byUrgency);

/**
 * open → in_progress, open → resolved, in_progress → resolved; anything else is a conflict. The write is
 * conditional on the status read, so of two staff changing it at once one wins and the other gets 409.
 */
export const updateFollowUp = async (
  id: string,
  input: z.output<typeof updateFollowUpInput>,
  actor: string,
  now = new Date(),
): Promise<FollowUpView> => {
  const current = await getFollowUpRecord(id);
  if (!current) throw new NotFoundError(`Follow-up ${id} does not exist`);
  const refused = refusal(id, current.status, input.status);
  if (refused) throw new ConflictError(refused);
  const at = now.toISOString();
  const updated = await changeFollowUpStatus(id, {
    from: current.status,
    to: input.status,
    entry: {
      at,
      by: actor,
      from: current.status,
      to: input.status,
      ...(input.note ? { note: input.note } : {}),
    },
    ...(input.status === 'resolved' ? { resolution: { at, note: input.note } } : {}),
  });
  if (!updated) {
    const again = await getFollowUpRecord(id);
    if (!again) throw new NotFoundError(`Follow-up ${id} does not exist`);
    throw new ConflictError(
      `Follow-up ${id} was changed by someone else meanwhile: it is now ${again.status}` +
        (refusal(id, again.status, input.status) ? '' : '; look again before retrying'),
    );
  }
  await audit({
    itemId: auditKey(updated),
    action: `followup.${input.status}`,
    actor,
    at,
    detail: {
      followUpId: id,
      feedbackId: updated.feedbackId,
      from: current.status,
      to: input.status,
      ...(input.note ? { note: input.note } : {}),
    },
  });
  return withOverdue(updated, now);
};
