import { randomBytes } from 'node:crypto';
import type * as z from 'zod';
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
import { config } from '../../common/config';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors';
import {
  addWorkingDays,
  type Day,
  type Deadline,
  dayEnd,
  deadlineAtEndOf,
  isDay,
  isLate,
  onOrNextWorkingDay,
  type WorkingCalendar,
  wibDay,
  workingDaysLate,
} from '../support/working-days';
import type { createFollowUpInput, updateFollowUpInput } from './follow-up-inputs';
import { type FeedbackRecord, getFeedback } from './inbox';
import { officeCalendar } from './office-calendar';

/**
 * Follow-ups: a citizen's complaint (or any feedback) handed to a unit (a puskesmas, a division) with a due
 * date, tracked open → in_progress → resolved with a resolution note. This is how "we followed it up" becomes
 * visible in the item's evaluation, the daily digest and the monthly report.
 *
 * Due dates are working days in WIB (support/working-days.ts): by default FOLLOW_UP_WORKING_DAYS working days
 * after the day it is created; staff may pick any date instead. A follow-up is overdue once the end (24:00
 * WIB) of its due working day has passed; a due date on a weekend, a holiday or a leave day counts as the
 * next working day.
 */

export type { FollowUpRecord, FollowUpStatus } from '../../adapters/followups-repo';

export const FOLLOW_UP_STATUSES = ['open', 'in_progress', 'resolved'] as const;
/** The furthest due date staff may set. */
export const FOLLOW_UP_MAX_DUE_DAYS = 365;
/** How much of the citizen's text the follow-up keeps as its summary. */
export const SUMMARY_CHARS = 500;

const DAY_MS = 86_400_000;

/** A follow-up as the API shows it: the record, its due working day and whether it is overdue now. */
export type FollowUpView = FollowUpRecord & {
  /** The WIB working day by whose end it is due (the due date's day, or the next working day). */
  readonly dueDay: Day;
  readonly overdue: boolean;
  /** Working days since the due day, up to and including today (WIB); 0 when not overdue. */
  readonly workingDaysLate: number;
};

// ---- input --------------------------------------------------------------------------------------------

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

/** Due by the end of the due date's WIB day, or of the next working day when that day is not one. */
export const followUpDeadline = (
  f: Pick<FollowUpRecord, 'dueAt'>,
  cal: WorkingCalendar,
): Deadline | undefined =>
  Number.isFinite(Date.parse(f.dueAt))
    ? deadlineAtEndOf(onOrNextWorkingDay(cal, wibDay(f.dueAt)))
    : undefined;

/** Unresolved, and the end of its due working day (WIB) has passed. A record with no readable due date is not. */
export const isOverdue = (
  f: Pick<FollowUpRecord, 'status' | 'dueAt'>,
  now: Date,
  cal: WorkingCalendar,
): boolean => {
  if (f.status === 'resolved') return false;
  const deadline = followUpDeadline(f, cal);
  return deadline !== undefined && isLate(deadline, now);
};

export const withOverdue = (f: FollowUpRecord, now: Date, cal: WorkingCalendar): FollowUpView => {
  const deadline = followUpDeadline(f, cal);
  const overdue = isOverdue(f, now, cal);
  return {
    ...f,
    dueDay: deadline?.day ?? '',
    overdue,
    workingDaysLate: overdue && deadline ? workingDaysLate(cal, deadline, now) : 0,
  };
};

/** Overdue first (the latest first among them), then the nearest due date, then the oldest. */
export const byUrgency = (a: FollowUpView, b: FollowUpView): number =>
  Number(b.overdue) - Number(a.overdue) ||
  b.workingDaysLate - a.workingDaysLate ||
  a.dueAt.localeCompare(b.dueAt) ||
  a.createdAt.localeCompare(b.createdAt) ||
  a.id.localeCompare(b.id);

export const normaliseUnit = (s: string): string => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');

export const matches = (f: FollowUpView, filter: FollowUpFilter): boolean =>
  (!filter.status || f.status === filter.status) &&
  (!filter.unit || normaliseUnit(f.unit) === normaliseUnit(filter.unit)) &&
  (filter.overdue === undefined || f.overdue === filter.overdue);

/** The last millisecond of a WIB day: what a due date picked as a day is stored as (string order = time order). */
const endOfDayInstant = (day: Day): string => new Date(dayEnd(day) - 1).toISOString();

/**
 * The due instant (UTC ISO). None given: the end of the `workingDays`th working day after today (WIB). A day
 * (`YYYY-MM-DD`): the end of that WIB day, which may be today but not earlier. An instant: as given, ahead of now.
 */
export const resolveDueAt = (
  dueAt: string | undefined,
  now: Date,
  cal: WorkingCalendar,
  workingDays: number,
): string => {
  if (dueAt === undefined) return endOfDayInstant(addWorkingDays(cal, wibDay(now), workingDays));
  const isDayOnly = isDay(dueAt);
  const due = isDayOnly ? dayEnd(dueAt) - 1 : Date.parse(dueAt);
  const problem = !Number.isFinite(due)
    ? 'must be a valid date and time'
    : isDayOnly && dueAt < wibDay(now)
      ? 'must be today or later (WIB)'
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
  const cal = await officeCalendar();
  const dueAt = resolveDueAt(input.dueAt, now, cal, config().FOLLOW_UP_WORKING_DAYS);
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
  return withOverdue(record, now, cal);
};

export const getFollowUp = async (id: string, now = new Date()): Promise<FollowUpView> => {
  const f = await getFollowUpRecord(id);
  if (!f) throw new NotFoundError(`Follow-up ${id} does not exist`);
  return withOverdue(f, now, await officeCalendar());
};

/** Follow-ups matching the filter, overdue first, then by due date. */
export const listFollowUps = async (
  filter: FollowUpFilter = {},
  now = new Date(),
  calendar?: WorkingCalendar,
): Promise<FollowUpView[]> => {
  const [rows, cal] = await Promise.all([
    scanFollowUps({
      ...(filter.status ? { status: filter.status } : {}),
      // Anything overdue was due before now (its due day ends after its due instant): a safe pre-filter.
      ...(filter.overdue ? { dueBefore: now.toISOString() } : {}),
    }),
    calendar ?? officeCalendar(),
  ]);
  return rows
    .map((f) => withOverdue(f, now, cal))
    .filter((f) => matches(f, filter))
    .sort(byUrgency);
};

/** Unresolved follow-ups past the end of their due working day at `now`, most urgent first (digest, dashboard). */
export const overdueFollowUps = (now: Date, calendar?: WorkingCalendar): Promise<FollowUpView[]> =>
  listFollowUps({ overdue: true }, now, calendar);

/** The follow-ups of one item's feedback, overdue first, then by due date. */
export const followUpsForItem = async (itemId: string, now = new Date()): Promise<FollowUpView[]> => {
  const [rows, cal] = await Promise.all([scanFollowUps({ itemId }), officeCalendar()]);
  return rows.map((f) => withOverdue(f, now, cal)).sort(byUrgency);
};

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
  return withOverdue(updated, now, await officeCalendar());
};
