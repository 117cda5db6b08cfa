import * as z from 'zod';
import { audit } from '../../adapters/audit-repo';
import { getItem, setFields, transition } from '../../adapters/items-repo';
import { config } from '../../common/config';
import { AppError } from '../../common/errors';
import { putMetric, secondsBetween } from '../../common/metrics';
import { type ItemStatus, isFinal } from '../content/statuses';
import { addSeconds, parseDurationSeconds } from '../support/time';
import { reportPublishFailure } from './publish-failure';

const stepError = z.object({ Error: z.string(), Cause: z.string().optional() });

const publicationOutcome = z.object({
  platform: z.string(),
  ok: z.boolean(),
  postId: z.string().optional(),
  url: z.string().optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
});

export const recordStatusInput = z.discriminatedUnion('outcome', [
  z.object({
    itemId: z.string(),
    outcome: z.literal('published'),
    publications: z.array(publicationOutcome),
  }),
  z.object({ itemId: z.string(), outcome: z.literal('evaluated'), reportKey: z.string() }),
  z.object({
    itemId: z.string(),
    outcome: z.literal('blocked'),
    reasons: z.array(z.string()),
    revision: z.number().int().min(1),
    /** Settled by a revision (content-api) or a supervisor's override. */
    taskToken: z.string().min(1),
  }),
  z.object({
    itemId: z.string(),
    outcome: z.enum(['rejected', 'expired', 'failed', 'evaluation-failed']),
    /** For `expired`: what was overdue, the approvers' decision (default) or the staff's revision. */
    stage: z.enum(['approval', 'revision', 'screening']).default('approval'),
    error: stepError.optional(),
  }),
  z.object({ itemId: z.string(), outcome: z.literal('check-schedule') }),
  z.object({
    itemId: z.string(),
    outcome: z.literal('changes-requested'),
    taskToken: z.string().min(1),
    approval: z.object({ approver: z.string(), comment: z.string().default(''), revision: z.number().int() }),
  }),
]);
export type RecordStatusInput = z.infer<typeof recordStatusInput>;

/** Lambda errors arrive as JSON in Cause ({errorType, errorMessage}); show the message, not the JSON. */
export const explainError = (error?: { Error: string; Cause?: string }): string => {
  if (!error) return 'unknown error';
  try {
    const cause = JSON.parse(error.Cause ?? '') as {
      errorMessage?: string;
      reason?: string;
      approver?: string;
    };
    if (cause.reason !== undefined) return `${cause.approver ? `${cause.approver}: ` : ''}${cause.reason}`;
    if (cause.errorMessage) return `${error.Error}: ${cause.errorMessage}`;
  } catch {
    // Not JSON: use it as it is.
  }
  return error.Cause ? `${error.Error}: ${error.Cause}` : error.Error;
};

const reasonFor = (input: RecordStatusInput): string => {
  switch (input.outcome) {
    case 'rejected':
      return `Rejected by ${explainError(input.error)}`;
    case 'expired':
      if (input.stage === 'revision') return 'Changes were requested and no revision was submitted in time';
      if (input.stage === 'screening')
        return 'Blocked for excluded information, and neither revised nor overridden in time';
      return 'No approver decided before the approval deadline';
    case 'failed':
      return explainError(input.error);
    case 'evaluation-failed':
      return `Published, but evaluation failed: ${explainError(input.error)}`;
    case 'blocked':
      return `Excluded information: ${input.reasons.join('; ')}`;
    default:
      return '';
  }
};

export interface RecordStatusResult {
  readonly status?: ItemStatus;
  /** check-schedule: whether to publish now, the publish time, and when to look again. */
  readonly due?: boolean;
  readonly publishAt?: string;
  readonly waitUntil?: string;
  readonly anyPublished?: boolean;
  readonly evaluateAt?: string;
  readonly reevaluateAt?: string;
}

/** Writes the outcome of a workflow stage to the item. Idempotent: statuses only move forward. */
/** The publish time as it stands now: staff may have rescheduled the item since it was approved. */
const checkSchedule = async (itemId: string, now = new Date()): Promise<RecordStatusResult> => {
  const item = await getItem(itemId);
  if (isFinal(item.status))
    throw new ItemClosedError(`Item ${itemId} is ${item.status}; it will not be published`);
  const publishAt = new Date(item.publishAt);
  const due = publishAt.getTime() <= now.getTime() + 1000;
  const nextCheck = new Date(now.getTime() + config().SCHEDULE_CHECK_SECONDS * 1000);
  const waitUntil = (
    due ? now : publishAt.getTime() < nextCheck.getTime() ? publishAt : nextCheck
  ).toISOString();
  return { due, publishAt: publishAt.toISOString(), waitUntil };
};

export class ItemClosedError extends AppError {
  constructor(message: string) {
    super(message, 409);
  }
}

export const recordStatus = async (input: RecordStatusInput): Promise<RecordStatusResult> => {
  if (input.outcome === 'check-schedule') return checkSchedule(input.itemId);
  if (input.outcome === 'changes-requested') {
    // The item goes back to the staff; the token waits on the item until they submit a revision.
    const { approval } = input;
    const at = new Date().toISOString();
    await setFields(input.itemId, {
      revisionToken: input.taskToken,
      changeRequest: {
        approver: approval.approver,
        comment: approval.comment,
        at,
        revision: approval.revision,
      },
    });
    const moved = await transition(input.itemId, {
      status: 'changes-requested',
      revision: approval.revision,
      stage: `changes-requested#r${approval.revision}`,
      note: `${approval.approver}: ${approval.comment}`,
      reason: `Changes requested by ${approval.approver}: ${approval.comment}`,
      at,
    });
    if (moved) {
      await audit({
        itemId: input.itemId,
        action: 'status.changes-requested',
        actor: 'sebar',
        detail: { ...approval },
      });
    }
    return { status: 'changes-requested' };
  }
  if (input.outcome === 'blocked') {
    // The item waits with the staff (a revision) or a supervisor (an override); the token stays on it.
    await setFields(input.itemId, {
      revisionToken: input.taskToken,
      screening: { reasons: input.reasons, revision: input.revision, at: new Date().toISOString() },
    });
    const moved = await transition(input.itemId, {
      status: 'blocked',
      revision: input.revision,
      stage: `blocked#r${input.revision}`,
      reason: reasonFor(input),
    });
    if (moved)
      await audit({
        itemId: input.itemId,
        action: 'status.blocked',
        actor: 'sebar',
        detail: { reasons: input.reasons, revision: input.revision },
      });
    return { status: 'blocked' };
  }
  if (input.outcome === 'published') {
    const item = await getItem(input.itemId);
    const ok = input.publications.filter((p) => p.ok);
    const failed = input.publications.filter((p) => !p.ok);
    const failures = failed.map(
      (p) => `${p.platform}: ${explainError({ Error: p.error ?? 'Error', Cause: p.cause })}`,
    );
    // Counted and emailed once: only the call whose transition moves the item reports (a retried step does not).
    const report = (moved: boolean) => {
      if (!moved) return undefined;
      const now = new Date();
      for (const p of ok) {
        putMetric('Published', 1, { Platform: p.platform }, { itemId: item.id });
        // The post exists by now (the publish step returned it); early is 0, not negative.
        const late = secondsBetween(item.publishAt, now);
        if (late !== undefined)
          putMetric('PublishLatency', late, { Platform: p.platform }, { itemId: item.id });
      }
      return failed.length
        ? reportPublishFailure({
            itemId: item.id,
            title: item.title,
            publishAt: item.publishAt,
            failed: failed.map((p) => ({
              platform: p.platform,
              reason: explainError({ Error: p.error ?? 'Error', Cause: p.cause }),
            })),
            published: ok.map((p) => ({ platform: p.platform, ...(p.url ? { url: p.url } : {}) })),
          })
        : undefined;
    };
    if (ok.length === 0) {
      const moved = await transition(item.id, {
        status: 'failed',
        stage: 'failed',
        reason: `Nothing was published. ${failures.join('; ')}`,
      });
      await audit({ itemId: item.id, action: 'status.failed', actor: 'sebar', detail: { failures } });
      await report(moved);
      const now = new Date().toISOString();
      return { status: 'failed', anyPublished: false, evaluateAt: now, reevaluateAt: now };
    }
    // The evaluation times are computed once and kept, so a re-run waits for the same moments.
    const evaluateAt = addSeconds(new Date().toISOString(), parseDurationSeconds(item.evaluateAfter));
    const saved = await setFields(
      item.id,
      {
        evaluateAt,
        reevaluateAt: addSeconds(evaluateAt, parseDurationSeconds(item.reevaluateAfter ?? 'P7D')),
      },
      ['evaluateAt', 'reevaluateAt'],
    );
    const moved = await transition(item.id, {
      status: 'published',
      revision: item.revision,
      stage: 'published',
      note: `published to ${ok.map((p) => p.platform).join(', ')}`,
      ...(failed.length ? { reason: `Not published to ${failures.join('; ')}` } : {}),
    });
    await report(moved);
    return {
      status: 'published',
      anyPublished: true,
      evaluateAt: saved.evaluateAt,
      reevaluateAt: saved.reevaluateAt,
    };
  }
  const status: ItemStatus = input.outcome;
  const extra = input.outcome === 'evaluated' ? { set: { reportKey: input.reportKey } } : {};
  const moved = await transition(input.itemId, {
    status,
    stage: status,
    reason: reasonFor(input) || undefined,
    ...extra,
  });
  if (moved)
    await audit({
      itemId: input.itemId,
      action: `status.${status}`,
      actor: 'sebar',
      detail: { reason: reasonFor(input) },
    });
  return { status };
};
