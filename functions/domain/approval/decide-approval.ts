import {
  type Approval,
  type ApprovalStatus,
  approvalsForItem,
  decide,
  getApproval,
  markDelivered,
} from '../../adapters/approvals-repo';
import { audit } from '../../adapters/audit-repo';
import { getItem, reschedule, transition } from '../../adapters/items-repo';
import { presignedGetUrl } from '../../adapters/media-store';
import { sendTaskFailure, sendTaskSuccess, TaskClosedError } from '../../adapters/workflow';
import { config } from '../../common/config';
import { log } from '../../common/logger';
import { putMetric, secondsBetween } from '../../common/metrics';
import { getSecret } from '../../common/secrets';
import { keepRecord } from '../archive/records';
import { publishMonthOf } from '../content/calendar';
import type { ContentItem } from '../content/content';
import { isFinal } from '../content/statuses';
import type { ApprovalPageModel, MessageKey, ResendPageModel } from './approval-views';
import {
  isLate,
  isLateError,
  type LateApproval,
  type LateChoice,
  type LateError,
  lateApproval,
  wallClockValue,
} from './late-approval';
import { checkApprovalLink, checkPageNonce, pageNonce } from './signing';

/** What the approval route answers: a page to render (the handler turns it into HTML). */
export type ApprovalOutcome =
  | { kind: 'confirm'; status: 200 | 400; model: ApprovalPageModel }
  /** A decision recorded but not yet delivered: the page offers to send the same decision again. */
  | { kind: 'resend'; status: 200; model: ResendPageModel }
  | {
      kind: 'message';
      status: number;
      title: MessageKey;
      message: MessageKey;
      /** A late approval: when the item now publishes (the page says it in the zone). */
      schedule?: { readonly publishAt: string; readonly timeZone: string };
    };

export interface LinkParams {
  readonly approvalId: string;
  readonly exp: number;
  readonly sig: string;
}

export type Decision = 'approve' | 'changes' | 'reject';

const statusFor: Record<Decision, Exclude<ApprovalStatus, 'pending'>> = {
  approve: 'approved',
  changes: 'changes-requested',
  reject: 'rejected',
};
const decisionMetric = {
  approve: 'ItemApproved',
  reject: 'ItemRejected',
  changes: 'ItemChangesRequested',
} as const satisfies Record<Decision, string>;

const decisionFor = (status: ApprovalStatus): Decision | undefined =>
  (Object.keys(statusFor) as Decision[]).find((d) => statusFor[d] === status);

export interface DecisionForm extends LinkParams {
  readonly nonce: string;
  readonly decision: Decision;
  readonly comment?: string;
  /** Required to approve once the publish time has passed (docs/decisions/0017). */
  readonly lateChoice?: LateChoice;
  /** The new publish time for `new-time`, on the office's wall clock (`YYYY-MM-DDTHH:mm`). */
  readonly newPublishAt?: string;
}

export interface RequestMeta {
  readonly ip: string;
  readonly userAgent: string;
}

const message = (status: number, text: MessageKey): ApprovalOutcome => ({
  kind: 'message',
  status,
  title: 'pageTitle',
  message: text,
});

/** What deciding an approval calls: the repositories, the workflow, the signing key and a clock. */
export interface ApprovalDecisionDeps {
  readonly getApproval: typeof getApproval;
  readonly approvalsForItem: typeof approvalsForItem;
  /** The single-use write: the first decision on a pending approval wins (see approvals-repo). */
  readonly decide: typeof decide;
  readonly markDelivered: typeof markDelivered;
  readonly getItem: typeof getItem;
  readonly transition: typeof transition;
  /** Moves the publish time when a late approval chose one (conditional on the time the approver saw). */
  readonly reschedule: typeof reschedule;
  readonly audit: typeof audit;
  readonly sendTaskSuccess: typeof sendTaskSuccess;
  readonly sendTaskFailure: typeof sendTaskFailure;
  readonly presignedGetUrl: (key: string) => Promise<string>;
  readonly signingKey: () => Promise<string>;
  readonly timeZone: () => string;
  /** How far ahead a publish time may be (the publish window, MAX_PUBLISH_AHEAD_DAYS). */
  readonly maxPublishAheadDays: () => number;
  readonly now: () => Date;
  /** The records archive (docs/decisions/0025): every decision is written there once. */
  readonly keepRecord?: typeof keepRecord;
}

/** The real adapters, the configured signing key and the system clock. */
export const approvalDecisionDeps = (): ApprovalDecisionDeps => ({
  getApproval,
  approvalsForItem,
  decide,
  markDelivered,
  getItem,
  transition,
  reschedule,
  audit,
  sendTaskSuccess,
  sendTaskFailure,
  presignedGetUrl: (key) => presignedGetUrl(key),
  signingKey: () => getSecret('APPROVAL_SIGNING_KEY'),
  timeZone: () => config().DISPLAY_TIME_ZONE,
  maxPublishAheadDays: () => config().MAX_PUBLISH_AHEAD_DAYS,
  now: () => new Date(),
  keepRecord,
});

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

interface Checked {
  readonly approval: Approval;
  readonly item: ContentItem;
  readonly key: string;
}

/** Everything every request checks first: the approval exists and the link is the one we signed. */
const checkLink = async (p: LinkParams, deps: ApprovalDecisionDeps): Promise<Checked | ApprovalOutcome> => {
  const approval = await deps.getApproval(p.approvalId);
  if (!approval) return message(404, 'notFound');
  const key = await deps.signingKey();
  const check = checkApprovalLink(key, { ...p, approver: approval.approver }, seconds(deps.now()));
  if (check === 'tampered') return message(403, 'invalid');
  if (check === 'expired') return message(410, 'expired');
  const item = await deps.getItem(approval.itemId);
  return { approval, item, key };
};

const isOutcome = (x: Checked | ApprovalOutcome): x is ApprovalOutcome => 'kind' in x;

/** A link is closed once its revision is superseded or the item has moved past approval. */
/** Whether an approval no longer waits for a decision: another revision, or the item moved on. */
export const isClosed = (
  approval: Pick<Approval, 'revision'>,
  item: Pick<ContentItem, 'revision' | 'status'>,
): boolean =>
  approval.revision !== item.revision ||
  isFinal(item.status) ||
  ['changes-requested', 'scheduled', 'published'].includes(item.status);

/** GET and HEAD: show what would be approved. Never changes anything. */
export const showApproval = async (
  p: LinkParams,
  formAction: string,
  deps: ApprovalDecisionDeps = approvalDecisionDeps(),
): Promise<ApprovalOutcome> => {
  const checked = await checkLink(p, deps);
  if (isOutcome(checked)) return checked;
  const { approval, item, key } = checked;
  const earlier = decisionFor(approval.status);
  // A decided approval always has a decision; the check only tells TypeScript so.
  if (earlier && awaitsHandOver(approval, item)) {
    const nonce = pageNonce(key, approval.approvalId, seconds(deps.now()));
    return {
      kind: 'resend',
      status: 200,
      model: {
        title: item.title,
        decision: earlier,
        formAction,
        hidden: { exp: String(p.exp), sig: p.sig, nonce, decision: earlier },
      },
    };
  }
  if (approval.status !== 'pending' || isClosed(approval, item)) {
    return message(409, approval.status === 'pending' ? 'closed' : 'alreadyDecided');
  }
  return { kind: 'confirm', status: 200, model: await pageModel(p, checked, formAction, deps) };
};

/** The confirmation page's contents; a late item's page carries the late notice and the two choices. */
const pageModel = async (
  p: LinkParams,
  { approval, item, key }: Checked,
  formAction: string,
  deps: ApprovalDecisionDeps,
  again?: { form: DecisionForm; error: LateError },
): Promise<ApprovalPageModel> => {
  const now = deps.now();
  const timeZone = deps.timeZone();
  const maxDays = deps.maxPublishAheadDays();
  return {
    item,
    imageUrls: await Promise.all(item.media.map((m) => deps.presignedGetUrl(m.key))),
    formAction,
    hidden: { exp: String(p.exp), sig: p.sig, nonce: pageNonce(key, approval.approvalId, seconds(now)) },
    timeZone,
    ...(isLate(item.publishAt, now)
      ? {
          late: {
            plannedAt: item.publishAt,
            now: now.toISOString(),
            // The field's bounds, to the minute: from the next minute to the end of the publish window.
            min: wallClockValue(new Date(now.getTime() + 60_000), timeZone),
            max: wallClockValue(new Date(now.getTime() + maxDays * 86_400_000), timeZone),
            maxDays,
            ...(again?.form.lateChoice ? { choice: again.form.lateChoice } : {}),
            ...(again?.form.newPublishAt ? { newPublishAt: again.form.newPublishAt } : {}),
            ...(again ? { error: again.error } : {}),
          },
        }
      : {}),
    ...(again?.form.comment ? { comment: again.form.comment } : {}),
  };
};

type Delivery = ApprovalOutcome | 'delivered' | 'waiting';

/** Tells the workflow, once the item's rule is met: any one decision, or (rule `all`) every approval. */
const deliver = async (
  approval: Approval,
  item: ContentItem,
  decision: Decision,
  comment: string,
  late: LateApproval | undefined,
  deps: ApprovalDecisionDeps,
): Promise<Delivery> => {
  // Before the workflow hears of it (and before `waiting`, so other approvers see the new time): the
  // workflow's schedule check reads the item's publish time before its publish wait.
  if (decision === 'approve' && late) await applyLateTime(approval, item, late, deps);
  let approvers: string[] = [approval.approver];
  if (decision === 'approve' && item.approvalRule === 'all') {
    // The index lists this revision's approvals (made long before); their statuses are read again by key
    // with consistent reads, because the index may not show an approval made a moment ago by another
    // approver, and the last approval would then be taken for "still waiting".
    const listed = (await deps.approvalsForItem(item.id)).filter((a) => a.revision === approval.revision);
    const mine = await Promise.all(listed.map(async (a) => (await deps.getApproval(a.approvalId)) ?? a));
    const approved = mine.filter((a) => a.status === 'approved' || a.approvalId === approval.approvalId);
    if (approved.length < item.approvers.length) return 'waiting';
    approvers = approved.map((a) => a.approver);
  }
  try {
    if (decision === 'reject') {
      await deps.sendTaskFailure(approval.taskToken, {
        error: 'ApprovalRejected',
        cause: JSON.stringify({ approver: approval.approver, reason: comment }).slice(0, 32000),
      });
    } else {
      await deps.sendTaskSuccess(approval.taskToken, {
        decision: decision === 'approve' ? 'approved' : 'changes-requested',
        approver: approval.approver,
        approvers,
        approvalId: approval.approvalId,
        revision: approval.revision,
        comment,
        ...(late ? { late } : {}),
      });
    }
  } catch (error) {
    // The decision stays recorded. The task it was for has closed: most often the approval step failed
    // and is being run again, and that run hands this decision over (request-approval). Otherwise the
    // item has stopped (cancelled or expired) and its own status tells staff.
    if (error instanceof TaskClosedError) return message(202, 'recordedNotWaiting');
    log.error('could not deliver the approval decision', { approvalId: approval.approvalId, error });
    return message(503, 'tryAgain');
  }
  await deps.markDelivered(approval.approvalId);
  // Here, not after the caller's first delivery only: a decision delivered again (its first hand-over
  // failed) must move the item to scheduled too. The transition is idempotent.
  if (decision === 'approve') {
    await deps.transition(item.id, {
      status: 'scheduled',
      revision: item.revision,
      stage: item.revision > 1 ? `approved#r${item.revision}` : 'approved',
      note: `approved by ${approval.approver}${item.approvalRule === 'all' ? ' (last of all approvers)' : ''}`,
    });
  }
  return 'delivered';
};

/**
 * Moves the item's publish time to the one the late approval chose, unless it is there already (a
 * re-delivery) or staff moved it meanwhile: the write is conditional on the time the approver saw, and a
 * time staff set after that stands.
 */
const applyLateTime = async (
  approval: Approval,
  item: ContentItem,
  late: LateApproval,
  deps: ApprovalDecisionDeps,
): Promise<void> => {
  if (item.publishAt === late.publishAt) return;
  const entry = {
    from: late.plannedAt,
    to: late.publishAt,
    at: deps.now().toISOString(),
    by: approval.approver,
    // Shown to staff on the item's timeline as the note of this move, so in the office's words.
    note:
      late.choice === 'now'
        ? 'Disetujui setelah waktu terbit lewat: terbitkan sekarang'
        : 'Disetujui setelah waktu terbit lewat: terbitkan pada waktu baru',
  };
  const moved = await deps.reschedule(
    item.id,
    { status: item.status, publishAt: late.plannedAt },
    entry,
    publishMonthOf(late.publishAt),
  );
  if (!moved) log.warn('publish time changed before a late approval; keeping it', { itemId: item.id });
};

const outcomePage = (
  decision: Decision,
  delivery: Delivery,
  late?: LateApproval,
  timeZone = 'Asia/Jakarta',
): ApprovalOutcome => {
  if (typeof delivery === 'object') return delivery;
  const schedule = late ? { schedule: { publishAt: late.publishAt, timeZone } } : {};
  if (delivery === 'waiting') return { ...message(200, 'approvalRecordedWaiting'), ...schedule };
  if (decision === 'approve' && late)
    return {
      ...message(200, late.choice === 'now' ? 'decidedLateNow' : 'decidedLateNewTime'),
      ...schedule,
    };
  return message(
    200,
    decision === 'approve' ? 'decidedApproved' : decision === 'reject' ? 'decidedRejected' : 'decidedChanges',
  );
};

/** POST from the confirmation page: the only request that decides. The first valid decision wins. */
export const decideApproval = async (
  form: DecisionForm,
  meta: RequestMeta,
  deps: ApprovalDecisionDeps = approvalDecisionDeps(),
): Promise<ApprovalOutcome> => {
  const checked = await checkLink(form, deps);
  if (isOutcome(checked)) return checked;
  const { approval, item, key } = checked;
  if (!checkPageNonce(key, approval.approvalId, form.nonce, undefined, seconds(deps.now())))
    return message(400, 'staleForm');
  const comment = (form.comment ?? '').trim();

  // A decision recorded earlier whose delivery failed may be delivered again by the same approver.
  if (approval.status !== 'pending') {
    const earlier = decisionFor(approval.status);
    // The recorded choice, not a new one: what was decided is what is delivered.
    if (earlier === form.decision && awaitsHandOver(approval, item)) return handOver(approval, item, deps);
    return message(409, 'alreadyDecided');
  }
  if (isClosed(approval, item)) return message(409, 'closed');
  if (form.decision === 'reject' && !comment) return message(400, 'needReason');
  if (form.decision === 'changes' && !comment) return message(400, 'needComment');

  const now = deps.now();
  // Approving after the publish time needs the approver's explicit choice; a form without one (an old
  // page, a script) gets the page back with the choice to make, and nothing is decided.
  let late: LateApproval | undefined;
  if (form.decision === 'approve' && isLate(item.publishAt, now)) {
    const asked = lateApproval(item.publishAt, form, now, {
      timeZone: deps.timeZone(),
      maxDays: deps.maxPublishAheadDays(),
    });
    if (isLateError(asked))
      return {
        kind: 'confirm',
        status: 400,
        model: await pageModel(form, checked, '', deps, { form, error: asked }),
      };
    late = asked;
  }

  const at = now.toISOString();
  const status = statusFor[form.decision];
  const from = { ip: meta.ip, userAgent: meta.userAgent };
  if (!(await deps.decide(approval.approvalId, status, comment, at, late, from)))
    return message(409, 'alreadyDecided');
  // Counted here, after the single-use write: a decision is counted once, whatever happens to its delivery.
  putMetric(decisionMetric[form.decision], 1, {}, { itemId: item.id });
  const latency = secondsBetween(approval.createdAt, at);
  if (latency !== undefined) putMetric('ApprovalLatency', latency, {}, { itemId: item.id });
  const decided: Approval = {
    ...approval,
    status,
    decidedAt: at,
    comment,
    delivered: false,
    late,
    decidedFrom: from,
  };
  return handOver(decided, item, deps);
};

/**
 * A recorded decision, from its audit entry and archive record to the workflow. Each step may be done
 * again (a retry, a second press, a re-run of the approval request) and does the same thing: the audit
 * entry is keyed, the record is built from what was stored with the decision, and delivery is idempotent.
 * If any step fails, the decision stands and the page says it is not yet delivered (and how to send it).
 */
const handOver = async (
  approval: Approval,
  item: ContentItem,
  deps: ApprovalDecisionDeps,
): Promise<ApprovalOutcome> => {
  const decision = decisionFor(approval.status);
  if (!decision) return message(409, 'closed');
  try {
    await recordDecision(approval, item, deps);
    const delivery = await deliver(approval, item, decision, approval.comment ?? '', approval.late, deps);
    return outcomePage(decision, delivery, approval.late, deps.timeZone());
  } catch (error) {
    log.error('approval decision recorded but not handed over', { approvalId: approval.approvalId, error });
    return message(503, 'tryAgain');
  }
};

/** The decision's audit entry and archive record, written once however often this runs. */
const recordDecision = async (approval: Approval, item: ContentItem, deps: ApprovalDecisionDeps) => {
  const status = approval.status;
  if (status === 'pending') return;
  const at = approval.decidedAt ?? deps.now().toISOString();
  const comment = approval.comment ?? '';
  const { late } = approval;
  const from = approval.decidedFrom ?? { ip: '', userAgent: '' };
  await deps.audit({
    itemId: item.id,
    action: `approval.${status}`,
    actor: approval.approver,
    at,
    key: `approval-${approval.approvalId}`,
    detail: {
      approvalId: approval.approvalId,
      revision: approval.revision,
      revisionHash: item.revisionHash,
      comment,
      ip: from.ip,
      userAgent: from.userAgent,
      ...(late ? { late } : {}),
    },
  });
  // Before the workflow hears of it: a decision is never acted on without its record.
  await deps.keepRecord?.({
    kind: 'decision',
    id: `approval-${approval.approvalId}`,
    at,
    itemId: item.id,
    action: status,
    by: approval.approver,
    revision: approval.revision,
    comment,
    ip: from.ip,
    userAgent: from.userAgent,
    detail: { approvalId: approval.approvalId, revisionHash: item.revisionHash, ...(late ? { late } : {}) },
  });
};

/**
 * Whether a decision was recorded but has not reached the workflow (its hand-over failed) while the
 * approval still waits for it: such a decision can be sent again, and is, by the approver or a re-run.
 */
export const awaitsHandOver = (approval: Approval, item: Pick<ContentItem, 'revision' | 'status'>): boolean =>
  approval.status !== 'pending' && !approval.delivered && !isClosed(approval, item);

/**
 * Sends a recorded, undelivered decision to the workflow again: used when the approval request runs
 * again (a retried step with a new task token) and finds the decision already made.
 */
export const handOverAgain = async (
  approval: Approval,
  deps: ApprovalDecisionDeps = approvalDecisionDeps(),
): Promise<ApprovalOutcome> => handOver(approval, await deps.getItem(approval.itemId), deps);
